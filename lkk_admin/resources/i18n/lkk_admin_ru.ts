<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>ConnectionDialog</name>
    <message>
        <location filename="../../views/connection_dialog.py" line="+89"/>
        <source>Connect to the portal database — LKK Admin</source>
        <translation>Подключение к базе данных портала — LKK Admin</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>New</source>
        <translation>Новый</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Profile:</source>
        <translation>Профиль:</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Open the demo database</source>
        <translation>Открыть демонстрационную базу</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A database on this computer filled with made-up data, for practice</source>
        <translation>База данных на этом компьютере с вымышленными данными — для знакомства и тренировки</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connect</source>
        <translation>Подключиться</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>disable — no encryption</source>
        <translation>disable — без шифрования</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>allow — encrypt if the server insists</source>
        <translation>allow — шифровать, если этого требует сервер</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>prefer — encrypt when possible</source>
        <translation>prefer — шифровать, если возможно</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>require — always encrypt</source>
        <translation>require — всегда шифровать</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>verify-ca — encrypt and check the certificate</source>
        <translation>verify-ca — шифровать и проверять сертификат</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>verify-full — also check the server name</source>
        <translation>verify-full — проверять также имя сервера</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>server name or address</source>
        <translation>имя или адрес сервера</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>only for verify-ca and verify-full</source>
        <translation>только для verify-ca и verify-full</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browse…</source>
        <translation>Обзор…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Remember password</source>
        <translation>Запомнить пароль</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Forget password</source>
        <translation>Забыть пароль</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Profile name:</source>
        <translation>Название профиля:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Server:</source>
        <translation>Сервер:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Port:</source>
        <translation>Порт:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Database:</source>
        <translation>База данных:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User:</source>
        <translation>Пользователь:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SSL mode:</source>
        <translation>Режим SSL:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Root certificate:</source>
        <translation>Корневой сертификат:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password:</source>
        <translation>Пароль:</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Passwords are kept in the system password store: {backend}</source>
        <translation>Пароли хранятся в системном хранилище паролей: {backend}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No usable password store (keyring) found: {backend}</source>
        <translation>Системное хранилище паролей (keyring) недоступно: {backend}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Passwords cannot be remembered on this computer: there is no system password store. Enter the password each time you connect.</source>
        <translation>На этом компьютере нельзя запомнить пароль: нет системного хранилища паролей. Вводите пароль при каждом подключении.</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>New profile</source>
        <translation>Новый профиль</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Root certificate of the server</source>
        <translation>Корневой сертификат сервера</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Certificates (*.crt *.pem *.cer);;All files (*)</source>
        <translation>Сертификаты (*.crt *.pem *.cer);;Все файлы (*)</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>The system password store is locked, so the saved password could not be read. Unlock it or type the password.</source>
        <translation>Системное хранилище паролей заблокировано, сохранённый пароль прочитать не удалось. Разблокируйте хранилище или введите пароль.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The system password store reported an error ({detail}). Type the password.</source>
        <translation>Системное хранилище паролей сообщило об ошибке ({detail}). Введите пароль.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The saved password has been removed.</source>
        <translation>Сохранённый пароль удалён.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No password was saved for this profile.</source>
        <translation>Для этого профиля пароль не был сохранён.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Connecting to the server…</source>
        <translation>Подключение к серверу…</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>profile name</source>
        <translation>название профиля</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>server</source>
        <translation>сервер</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>database</source>
        <translation>база данных</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>user</source>
        <translation>пользователь</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fill in: {fields}.</source>
        <translation>Заполните: {fields}.</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Unexpected error while connecting. The error report has been opened.</source>
        <translation>Непредвиденная ошибка при подключении. Открыт отчёт об ошибке.</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../views/crash_dialog.py" line="+84"/>
        <source>LKK Admin — unexpected error</source>
        <translation>LKK Admin — непредвиденная ошибка</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&lt;b&gt;Something went wrong in LKK Admin.&lt;/b&gt;</source>
        <translation>&lt;b&gt;В работе LKK Admin произошла ошибка.&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The action was not completed. Your data in the database are safe: an unfinished change is never saved halfway.
Please send the report to the support service: press &quot;Copy report&quot; and paste it into an e-mail or a ticket.</source>
        <translation>Действие не выполнено. Данные в базе в сохранности: незавершённое изменение никогда не сохраняется наполовину.
Пожалуйста, передайте отчёт в службу поддержки: нажмите «Копировать отчёт» и вставьте его в письмо или заявку.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Error reference: &lt;b&gt;{reference}&lt;/b&gt;</source>
        <translation>Номер ошибки: &lt;b&gt;{reference}&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Copy report</source>
        <translation>Копировать отчёт</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+32"/>
        <source>Show details</source>
        <translation>Подробности</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The report has been copied to the clipboard.</source>
        <translation>Отчёт скопирован в буфер обмена.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hide details</source>
        <translation>Скрыть подробности</translation>
    </message>
</context>
<context>
    <name>DemoSetup</name>
    <message>
        <location filename="../../views/demo_setup.py" line="+107"/>
        <source>LKK Admin — demo database</source>
        <translation>LKK Admin — демонстрационная база</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Creating the demo database with made-up customers, contracts and registration requests. This happens only on the first start.</source>
        <translation>Создаётся демонстрационная база с вымышленными контрагентами, договорами и заявками на регистрацию. Это происходит только при первом запуске.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Cancelling…</source>
        <translation>Отмена…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Creating the demo database (first start only).
{stage}</source>
        <translation>Создание демонстрационной базы (только при первом запуске).
{stage}</translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message>
        <location filename="../../views/crash_dialog.py" line="+50"/>
        <source>LKK Admin</source>
        <translation>LKK Admin</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../views/main_window.py" line="+39"/>
        <source>LKK Admin — RN-Energo</source>
        <translation>LKK Admin — РН-Энерго</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>RN-Energo customer portal</source>
        <translation>Личный кабинет клиента РН-Энерго</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Connect…</source>
        <translation>&amp;Подключиться…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open another database</source>
        <translation>Открыть другую базу данных</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>E&amp;xit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Sections</source>
        <translation>&amp;Разделы</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;About</source>
        <translation>&amp;О программе</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>About LKK Admin</source>
        <translation>О программе LKK Admin</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;b&gt;LKK Admin&lt;/b&gt; {version}&lt;br&gt;Back office of the customer portal of RN-Energo LLC: registration requests, counterparties, portal users, news, surveys and reports.</source>
        <translation>&lt;b&gt;LKK Admin&lt;/b&gt; {version}&lt;br&gt;Рабочее место администратора Личного кабинета клиента ООО «РН-Энерго»: заявки на регистрацию, контрагенты, пользователи портала, новости, опросы и отчёты.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Demo database (SQLite): {path}</source>
        <translation>Демонстрационная база (SQLite): {path}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Database: {host}/{database}</source>
        <translation>База данных: {host}/{database}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>User: {user}</source>
        <translation>Пользователь: {user}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Server: {version}</source>
        <translation>Сервер: {version}</translation>
    </message>
</context>
<context>
    <name>SectionFrame</name>
    <message>
        <location filename="../../views/sections.py" line="+180"/>
        <source>This section is being developed.</source>
        <translation>Раздел в разработке.</translation>
    </message>
</context>
<context>
    <name>Sections</name>
    <message>
        <location line="-121"/>
        <source>Registration queue</source>
        <translation>Очередь регистраций</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requests of customers who registered on the portal. Claim a request, see what the applicant entered and the automatic checks of the TIN, KPP and contract numbers, then approve access to all or some contracts, reject it with a reason or return it for clarification. The applicant is e-mailed the outcome.</source>
        <translation>Заявки клиентов, зарегистрировавшихся на портале. Возьмите заявку в работу, посмотрите, что ввёл заявитель, и результаты автоматической проверки ИНН, КПП и номеров договоров, затем предоставьте доступ ко всем или к части договоров, отклоните заявку с указанием причины или верните её на уточнение. Заявитель получит письмо с результатом.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Counterparties and contracts</source>
        <translation>Контрагенты и договоры</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The supplier&apos;s registry: counterparties, energy supply contracts, consumption objects, metering points and meters, readings, charges, payments and invoices — exactly as the customer sees them on the portal.</source>
        <translation>Реестр поставщика: контрагенты, договоры энергоснабжения, объекты потребления, точки поставки и приборы учёта, показания, начисления, оплаты и счета — так, как их видит клиент на портале.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Portal users</source>
        <translation>Пользователи портала</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accounts of the customer portal: status, confirmed e-mail, access to contracts. Block or unblock a user, grant or revoke access to a contract. Phones and e-mails are masked; revealing them is recorded in the audit log.</source>
        <translation>Учётные записи Личного кабинета: статус, подтверждение e-mail, доступ к договорам. Блокировка и разблокировка пользователя, предоставление и отзыв доступа к договору. Телефоны и адреса e-mail скрыты; их просмотр записывается в журнал аудита.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>News</source>
        <translation>Новости</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>News and reference articles of the portal: write a draft, preview it, publish it now or at a set time, pin it, archive it.</source>
        <translation>Новости и справочные статьи портала: черновик, предварительный просмотр, публикация сразу или в назначенное время, закрепление, перенос в архив.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Surveys</source>
        <translation>Опросы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Surveys of portal customers: questions with one or several choices, free text and ratings; publishing and the summary of the answers.</source>
        <translation>Опросы клиентов портала: вопросы с одним или несколькими вариантами ответа, свободным текстом и оценкой; публикация и сводка ответов.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Reports</source>
        <translation>Отчёты</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The reports a customer gets from the portal — consumption report, settlement statement, tariff components certificate — previewed, saved as PDF and printed exactly as the customer sees them.</source>
        <translation>Отчёты, которые клиент получает на портале, — отчёт о потреблении, акт сверки расчётов, справка о составляющих тарифа: просмотр, сохранение в PDF и печать в точности в том виде, в каком их видит клиент.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Audit log</source>
        <translation>Журнал аудита</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who did what and when: every decision on a request, every access change, publication and revealed personal data. The log is append-only: nobody can edit or delete its entries.</source>
        <translation>Кто, что и когда сделал: каждое решение по заявке, каждое изменение доступа, публикация и просмотр персональных данных. Журнал только пополняется: изменить или удалить его записи не может никто.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Outgoing mail</source>
        <translation>Исходящая почта</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Letters to customers waiting to be sent, sent and failed: the recipient, the subject, the number of attempts and the last error; resend a failed letter.</source>
        <translation>Письма клиентам: ожидающие отправки, отправленные и неотправленные — получатель, тема, число попыток и последняя ошибка; повторная отправка письма.</translation>
    </message>
</context>
</TS>
