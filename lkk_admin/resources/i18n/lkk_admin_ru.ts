<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>ActDialog</name>
    <message>
        <location filename="../../views/portal_users/act_dialogs.py" line="+81"/>
        <source>{login} — {name}</source>
        <translation>{login} — {name}</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>&amp;Contracts to revoke:</source>
        <translation>&amp;Договоры, доступ к которым отозвать:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>For example: ЭС-1234/21</source>
        <translation>Например: ЭС-1234/21</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>As the company wrote it: spaces, dashes and look-alike Latin letters do not matter</source>
        <translation>Как написала организация: пробелы, дефисы и похожие латинские буквы не важны</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Contract &amp;number:</source>
        <translation>&amp;Номер договора:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Standard reasons…</source>
        <translation>Типовые причины…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Put a standard reason in the text below</source>
        <translation>Подставить типовую причину в текст ниже</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Block the user</source>
        <translation>Блокировка пользователя</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unblock the user</source>
        <translation>Разблокировка пользователя</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revoke access to contracts</source>
        <translation>Отзыв доступа к договорам</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Grant access to a contract</source>
        <translation>Предоставление доступа к договору</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Block</source>
        <translation>&amp;Заблокировать</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Unblock</source>
        <translation>&amp;Разблокировать</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Revoke access</source>
        <translation>&amp;Отозвать доступ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Grant access</source>
        <translation>&amp;Предоставить доступ</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The portal will refuse the user&apos;s login. Access to contracts stays as it is and comes back on unblocking. The user gets a letter with the reason; the reason is recorded in the audit log.</source>
        <translation>Портал перестанет пускать пользователя. Доступ к договорам сохранится и вернётся при разблокировке. Пользователь получит письмо с причиной; причина записывается в журнал аудита.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The account gets back the status «{status}» and its {count} live contract(s). The user gets a letter.</source>
        <translation>Учётной записи вернётся состояние «{status}», действующих договоров: {count}. Пользователь получит письмо.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The user stops seeing the chosen contracts on the portal. The records of the access stay, marked revoked. The user gets a letter listing the contracts and the reason.</source>
        <translation>Пользователь перестанет видеть выбранные договоры на портале. Записи о доступе останутся с отметкой об отзыве. Пользователь получит письмо со списком договоров и причиной.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{name} (TIN {inn})</source>
        <translation>{name} (ИНН {inn})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the user&apos;s organisation</source>
        <translation>организации пользователя</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only a contract of {owner} that is not terminated can be granted, as in the registration queue. The user gets a letter.</source>
        <translation>Предоставить можно только нерасторгнутый договор организации {owner} — по тем же правилам, что в очереди регистраций. Пользователь получит письмо.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Ground (required; the user reads it):</source>
        <translation>&amp;Основание (обязательно; его прочтёт пользователь):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reason (required; the user reads it):</source>
        <translation>&amp;Причина (обязательно; её прочтёт пользователь):</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>For example: the company&apos;s letter No. 15 of 02.12.2026</source>
        <translation>Например: письмо организации № 15 от 02.12.2026</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>For example: the contract was terminated on 30.11.2026</source>
        <translation>Например: договор расторгнут 30.11.2026</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For example: the password was passed to a third party</source>
        <translation>Например: пароль передан третьим лицам</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Tick at least one contract.</source>
        <translation>Отметьте хотя бы один договор.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type the contract number.</source>
        <translation>Введите номер договора.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type the reason: the user reads it in the letter.</source>
        <translation>Напишите причину: пользователь прочтёт её в письме.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The reason is too long: at most {n} characters.</source>
        <translation>Причина слишком длинная: не больше {n} символов.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Saving…</source>
        <translation>Сохранение…</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Nothing was changed because of an unexpected error. What you typed is still here: copy it or try again.</source>
        <translation>Из-за непредвиденной ошибки ничего не изменено. Введённое осталось здесь: скопируйте его или повторите попытку.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing was changed. What you typed is still here.</source>
        <translation>Ничего не изменено. Введённое осталось здесь.</translation>
    </message>
</context>
<context>
    <name>AgeChart</name>
    <message>
        <location filename="../../views/overview/charts.py" line="+92"/>
        <source>Waiting</source>
        <translation>Ожидают</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Age, working days</source>
        <translation>Возраст, рабочих дней</translation>
    </message>
</context>
<context>
    <name>ApproveDialog</name>
    <message>
        <location filename="../../views/queue/decision_dialogs.py" line="+224"/>
        <source>Approve the request</source>
        <translation>Одобрение заявки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approve</source>
        <translation>Одобрить</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>not selected by you</source>
        <translation>не выбран вами</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Access will be granted to:</source>
        <translation>Доступ будет предоставлен к договорам:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Access will be refused to:</source>
        <translation>В доступе будет отказано по договорам:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Warnings of the checks: {list}</source>
        <translation>Предупреждения проверки: {list}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Choose at least one contract to grant.</source>
        <translation>Выберите хотя бы один договор, к которому предоставить доступ.</translation>
    </message>
</context>
<context>
    <name>AuditPane</name>
    <message>
        <location filename="../../views/audit/audit_pane.py" line="+22"/>
        <source>Event</source>
        <translation>Событие</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+31"/>
        <source>Details</source>
        <translation>Подробности</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>The details exactly as stored</source>
        <translation>Подробности в том виде, в каком они записаны</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Event No. {id}: {action}</source>
        <translation>Событие № {id}: {action}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who</source>
        <translation>Кто</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What</source>
        <translation>Что</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Object</source>
        <translation>Объект</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Open {object} No. {id}</source>
        <translation>Открыть: {object} № {id}</translation>
    </message>
</context>
<context>
    <name>AuditSection</name>
    <message>
        <location filename="../../views/audit/audit_section.py" line="+45"/>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When it happened, by the database&apos;s clock</source>
        <translation>Когда это произошло, по часам базы данных</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+56"/>
        <source>Who</source>
        <translation>Кто</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>The database user (staff login) who did it</source>
        <translation>Пользователь базы данных (логин сотрудника), который это сделал</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+58"/>
        <source>Action</source>
        <translation>Действие</translation>
    </message>
    <message>
        <location line="-56"/>
        <source>What was done</source>
        <translation>Что было сделано</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+59"/>
        <source>Object</source>
        <translation>Объект</translation>
    </message>
    <message>
        <location line="-57"/>
        <source>What it was done to</source>
        <translation>С чем это было сделано</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Summary</source>
        <translation>Кратко</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What happened, in one line; the details are below</source>
        <translation>Что произошло, одной строкой; подробности — ниже</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Search: login, action, object No. (Ctrl+F)</source>
        <translation>Поиск: логин, действие, № объекта (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Search by a part of the login, of the action or of the object&apos;s kind, or by its number</source>
        <translation>Поиск по части логина, названия действия или вида объекта либо по номеру объекта</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The audit log is empty: nothing has been done yet.</source>
        <translation>Журнал аудита пуст: никаких действий ещё не было.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No events match. Choose «any» in the lists, untick the dates or clear the search.</source>
        <translation>Нет подходящих событий. Выберите «любой» в списках, снимите отметки с дат или очистите поиск.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Audit</source>
        <translation>&amp;Аудит</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>events</source>
        <translation>событий</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>From</source>
        <translation>С</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>to</source>
        <translation>по</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tick to show only events on or after / on or before this day</source>
        <translation>Отметьте, чтобы показать только события начиная с этого дня / по этот день</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>anyone</source>
        <translation>кто угодно</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only the events of this staff member</source>
        <translation>Только события этого сотрудника</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>any action</source>
        <translation>любое действие</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only events of this kind</source>
        <translation>Только события этого вида</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>any object</source>
        <translation>любой объект</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only events about objects of this kind</source>
        <translation>Только события с объектами этого вида</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Audit log</source>
        <translation>Журнал аудита</translation>
    </message>
</context>
<context>
    <name>BackgroundMailer</name>
    <message>
        <location filename="../../views/mail/background.py" line="+79"/>
        <source>Mail: {problem}</source>
        <translation>Почта: {problem}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mail: {sent} sent, {failed} not delivered</source>
        <translation>Почта: отправлено {sent}, не доставлено {failed}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Mail: delivery paused ({error})</source>
        <translation>Почта: отправка приостановлена ({error})</translation>
    </message>
</context>
<context>
    <name>CancelDialog</name>
    <message>
        <location filename="../../views/outbox/cancel_dialog.py" line="+58"/>
        <source>Cancel sending</source>
        <translation>Отмена отправки</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Letter No. {id} to {recipient}:
{subject}</source>
        <translation>Письмо № {id} для {recipient}:
{subject}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The letter will not be sent. It stays in the outbox as cancelled, and the reason is recorded in the audit log.</source>
        <translation>Письмо не будет отправлено. Оно останется в исходящей почте как отменённое, а причина будет записана в журнал аудита.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Reason (required):</source>
        <translation>&amp;Причина (обязательно):</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>For example: the applicant asked to send the letter to another address</source>
        <translation>Например: заявитель попросил отправить письмо на другой адрес</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cancel &amp;sending</source>
        <translation>&amp;Отменить отправку</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Keep the letter</source>
        <translation>Не отменять</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Type the reason for cancelling.</source>
        <translation>Укажите причину отмены.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The reason is too long: at most {n} characters.</source>
        <translation>Причина слишком длинная: не больше {n} знаков.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Cancelling…</source>
        <translation>Отмена отправки…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The letter was not cancelled because of an unexpected error. Your text is still here: copy it or try again.</source>
        <translation>Письмо не отменено из-за непредвиденной ошибки. Ваш текст сохранён: скопируйте его или повторите попытку.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The letter was not cancelled. Your text is still here.</source>
        <translation>Письмо не отменено. Ваш текст сохранён.</translation>
    </message>
</context>
<context>
    <name>ChoiceCard</name>
    <message>
        <location filename="../../views/surveys/results_cards.py" line="+139"/>
        <source>Several options could be chosen: the percentages add up to over 100 %</source>
        <translation>Можно было выбрать несколько вариантов: сумма процентов больше 100 %</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Nobody has answered this question yet</source>
        <translation>На этот вопрос пока никто не ответил</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+9"/>
        <source>Option</source>
        <translation>Вариант</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Respondents</source>
        <translation>Ответивших</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Share</source>
        <translation>Доля</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{option}
{label}: {count} of {answered} ({percent})</source>
        <translation>{option}
{label}: {count} из {answered} ({percent})</translation>
    </message>
</context>
<context>
    <name>ComparisonTable</name>
    <message>
        <location filename="../../views/queue/request_parts.py" line="+168"/>
        <source>Field</source>
        <translation>Поле</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Entered by the applicant</source>
        <translation>Введено заявителем</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>In the registry</source>
        <translation>В реестре</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Differs from the registry</source>
        <translation>Отличается от данных реестра</translation>
    </message>
</context>
<context>
    <name>ConnectionDialog</name>
    <message>
        <location filename="../../views/connection_dialog.py" line="+98"/>
        <source>Connect to the portal database — LKK Admin</source>
        <translation>Подключение к базе данных портала — LKK Admin</translation>
    </message>
    <message>
        <location line="+85"/>
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
        <location line="-58"/>
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
        <location line="+57"/>
        <source>Set up by your IT department for every user of this computer: the server settings cannot be changed here. Type your user name and password.</source>
        <translation>Настроено ИТ-отделом для всех пользователей этого компьютера: параметры сервера здесь не меняются. Введите своё имя пользователя и пароль.</translation>
    </message>
    <message>
        <location line="+14"/>
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
        <location line="+10"/>
        <source>Set up by IT for every user of this computer; it cannot be changed here</source>
        <translation>Настроено ИТ-отделом для всех пользователей этого компьютера; здесь не меняется</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Organisation (set up by IT)</source>
        <translation>Организация (настроено ИТ-отделом)</translation>
    </message>
    <message>
        <location line="+29"/>
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
        <location line="+64"/>
        <source>New profile</source>
        <translation>Новый профиль</translation>
    </message>
    <message>
        <location line="+35"/>
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
        <location line="+31"/>
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
        <location line="+73"/>
        <source>Unexpected error while connecting. The error report has been opened.</source>
        <translation>Непредвиденная ошибка при подключении. Открыт отчёт об ошибке.</translation>
    </message>
</context>
<context>
    <name>ConsumptionChart</name>
    <message>
        <location filename="../../views/registry/consumption_chart.py" line="+38"/>
        <location line="+22"/>
        <source>kWh</source>
        <translation>кВт·ч</translation>
    </message>
</context>
<context>
    <name>ContractPanel</name>
    <message>
        <location filename="../../views/registry/contract_panel.py" line="+64"/>
        <source>Report…</source>
        <translation>Отчёт…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the Reports section with this contract chosen</source>
        <translation>Открыть раздел «Отчёты» с выбранным договором</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Equipment</source>
        <translation>Оборудование</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Readings</source>
        <translation>Показания</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Balance</source>
        <translation>Сальдо</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+29"/>
        <location line="+86"/>
        <source>Month</source>
        <translation>Месяц</translation>
    </message>
    <message>
        <location line="-114"/>
        <source>Point</source>
        <translation>Точка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Charge</source>
        <translation>Начисление</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+85"/>
        <source>kWh</source>
        <translation>кВт·ч</translation>
    </message>
    <message>
        <location line="-84"/>
        <location line="+13"/>
        <location line="+13"/>
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <location line="-25"/>
        <location line="+26"/>
        <source>VAT</source>
        <translation>НДС</translation>
    </message>
    <message>
        <location line="-25"/>
        <location line="+26"/>
        <source>Total</source>
        <translation>Всего</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Charges</source>
        <translation>Начисления</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Paid on</source>
        <translation>Дата оплаты</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+11"/>
        <source>Document</source>
        <translation>Документ</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>For month</source>
        <translation>За месяц</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Purpose</source>
        <translation>Назначение платежа</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Payments</source>
        <translation>Оплаты</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issued</source>
        <translation>Выставлен</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Invoices</source>
        <translation>Счета</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Object / point / meter</source>
        <translation>Объект / точка учёта / счётчик</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Voltage</source>
        <translation>Напряжение</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ratio</source>
        <translation>Коэффициент</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verification due</source>
        <translation>Поверка до</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The meter whose readings are shown</source>
        <translation>Счётчик, показания которого показаны</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>On</source>
        <translation>На дату</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reading</source>
        <translation>Показание</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>Источник</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Difference</source>
        <translation>Разность</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Note</source>
        <translation>Примечание</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Meter:</source>
        <translation>Счётчик:</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Charged</source>
        <translation>Начислено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Invoiced</source>
        <translation>Выставлено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paid</source>
        <translation>Оплачено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Debt at month end</source>
        <translation>Долг на конец месяца</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Reading the contract…</source>
        <translation>Чтение договора…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The contract could not be read.</source>
        <translation>Не удалось прочитать договор.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Contract No. {number}</source>
        <translation>Договор № {number}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{status}; signed {signed}, valid {valid}; price category {category}; maximum power {power} kW; debt {debt}</source>
        <translation>{status}; заключён {signed}, действует {valid}; ценовая категория {category}; максимальная мощность {power} кВт; долг {debt}</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>{power} kW</source>
        <translation>{power} кВт</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>(removed {day})</source>
        <translation>(снят {day})</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The contract has no meters.</source>
        <translation>У договора нет счётчиков.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>meter {serial}, {digits} digits</source>
        <translation>счётчик {serial}, разрядов: {digits}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Removed {day}</source>
        <translation>Снят {day}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The verification is overdue</source>
        <translation>Срок поверки истёк</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The verification is due within 90 days</source>
        <translation>Поверка — в ближайшие 90 дней</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No charges or payments yet.</source>
        <translation>Начислений и оплат ещё нет.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>From {month}; carried over from before: {debt}.</source>
        <translation>С {month}; сальдо на начало: {debt}.</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>Reading the meter&apos;s readings…</source>
        <translation>Чтение показаний счётчика…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Meter {serial} ({model}), {digits} digits, multiplier {ct}×{vt} = {k}: kWh are the difference times the multiplier.</source>
        <translation>Счётчик {serial} ({model}), разрядов: {digits}, коэффициент {ct}×{vt} = {k}: кВт·ч — разность показаний, умноженная на коэффициент.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>no reading</source>
        <translation>нет показания</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the register passed its top</source>
        <translation>переход через ноль</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Consumption by month, kWh (meter {serial})</source>
        <translation>Потребление по месяцам, кВт·ч (счётчик {serial})</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>portal</source>
        <translation>портал</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>automated metering</source>
        <translation>АСКУЭ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>inspector</source>
        <translation>контролёр</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>billing</source>
        <translation>биллинг</translation>
    </message>
</context>
<context>
    <name>ContractsTable</name>
    <message>
        <location filename="../../views/queue/request_parts.py" line="+54"/>
        <source>Grant</source>
        <translation>Доступ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contract</source>
        <translation>Договор</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Counterparty, status</source>
        <translation>Контрагент, статус</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Findings</source>
        <translation>Замечания</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Checked contracts are granted when the request is approved</source>
        <translation>К отмеченным договорам будет предоставлен доступ при одобрении заявки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The number as the applicant typed it → the contract it matched</source>
        <translation>Номер так, как его ввёл заявитель → найденный договор реестра</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Whose contract it is in the registry, and its status</source>
        <translation>Чей это договор по реестру и его статус</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the automatic checks found for this contract</source>
        <translation>Что нашла автоматическая проверка по этому договору</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>granted</source>
        <translation>предоставлен</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>refused</source>
        <translation>отказано</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Grant access to this contract</source>
        <translation>Предоставить доступ к этому договору</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Access cannot be granted: see the findings</source>
        <translation>Доступ предоставить нельзя: см. замечания</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>As typed: {typed}
In the registry: {matched}</source>
        <translation>Введён: {typed}
В реестре: {matched}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not found</source>
        <translation>не найден</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>no findings</source>
        <translation>замечаний нет</translation>
    </message>
</context>
<context>
    <name>CounterpartyPane</name>
    <message>
        <location filename="../../views/registry/counterparty_pane.py" line="+27"/>
        <source>Requisites</source>
        <translation>Реквизиты</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show phone</source>
        <translation>Показать телефон</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show e-mail</source>
        <translation>Показать e-mail</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Show in full; the disclosure of personal data is recorded in the audit log</source>
        <translation>Показать полностью; раскрытие персональных данных записывается в журнал аудита</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Contract</source>
        <translation>Договор</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed</source>
        <translation>Заключён</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valid</source>
        <translation>Действует</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+19"/>
        <location line="+15"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>Category</source>
        <translation>Кат.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Voltage</source>
        <translation>Напряж.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Power, kW</source>
        <translation>Мощность, кВт</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose a contract to see it below</source>
        <translation>Выберите договор, чтобы увидеть его ниже</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Login</source>
        <translation>Логин</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+140"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location line="-139"/>
        <location line="+26"/>
        <source>Contracts</source>
        <translation>Договоры</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>Since</source>
        <translation>С</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Double-click a user to open them in Portal users</source>
        <translation>Двойной щелчок открывает пользователя в разделе «Пользователи портала»</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Request</source>
        <translation>Заявка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Submitted</source>
        <translation>Подана</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>TIN / KPP</source>
        <translation>ИНН / КПП</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Organisation as typed</source>
        <translation>Организация (как введена)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decided</source>
        <translation>Решение</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Double-click a request to open it in the queue</source>
        <translation>Дважды щёлкните заявку, чтобы открыть её в очереди</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Portal users with access</source>
        <translation>Пользователи портала с доступом</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Registration requests</source>
        <translation>Заявки на регистрацию</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Choose a counterparty in the list to see it here.</source>
        <translation>Выберите контрагента в списке, чтобы увидеть его здесь.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>active</source>
        <translation>действующий</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not active</source>
        <translation>недействующий</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>from {day}</source>
        <translation>с {day}</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>TIN {inn}</source>
        <translation>ИНН {inn}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>, KPP {kpp}</source>
        <translation>, КПП {kpp}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Full name</source>
        <translation>Полное наименование</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TIN</source>
        <translation>ИНН</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>KPP</source>
        <translation>КПП</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>OGRN</source>
        <translation>ОГРН</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>OGRNIP</source>
        <translation>ОГРНИП</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Legal address</source>
        <translation>Юридический адрес</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Postal address</source>
        <translation>Почтовый адрес</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../views/crash_dialog.py" line="+85"/>
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
    <name>DecisionDialog</name>
    <message>
        <location filename="../../views/queue/decision_dialogs.py" line="-200"/>
        <source>Request No. {id} · {name} · TIN {inn}</source>
        <translation>Заявка № {id} · {name} · ИНН {inn}</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Saving the decision…</source>
        <translation>Решение сохраняется…</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The decision was not saved because of an unexpected error. Your text is still here: copy it or try again.</source>
        <translation>Решение не сохранено из-за непредвиденной ошибки. Ваш текст остался в окне: скопируйте его или повторите попытку.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The decision was not saved. Your text is still here: copy it or try again.</source>
        <translation>Решение не сохранено. Ваш текст остался в окне: скопируйте его или повторите попытку.</translation>
    </message>
</context>
<context>
    <name>DecisionsChart</name>
    <message>
        <location filename="../../views/overview/charts.py" line="+20"/>
        <source>Approved</source>
        <translation>Одобрено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejected</source>
        <translation>Отклонено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Returned</source>
        <translation>Возвращено</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>{day}: approved {approved}, rejected {rejected}, returned {returned}</source>
        <translation>{day}: одобрено {approved}, отклонено {rejected}, возвращено {returned}</translation>
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
    <name>DetailPane</name>
    <message>
        <location filename="../../views/framework/detail.py" line="+131"/>
        <source>Choose a row in the list to see it here.</source>
        <translation>Выберите строку в списке, чтобы увидеть её здесь.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
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
    <name>FindingsList</name>
    <message>
        <location filename="../../views/queue/request_parts.py" line="-252"/>
        <source>No findings: the data match the registry.</source>
        <translation>Замечаний нет: данные совпадают с реестром.</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../views/news/history_dialog.py" line="+57"/>
        <source>Versions of «{title}»</source>
        <translation>Версии «{title}»</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>version {version} — {when}, {who}</source>
        <translation>версия {version} — {when}, {who}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>(restored from {version})</source>
        <translation>(восстановлена из версии {version})</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Compare</source>
        <translation>Сравнить</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>with</source>
        <translation>с</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Restore the older version…</source>
        <translation>&amp;Восстановить более раннюю версию…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A draft gets the older text as its newest version; a published or archived item gets a new draft with it, so that nothing on the portal changes until it is published</source>
        <translation>Черновик получает ранний текст как новую версию; для опубликованной или архивной записи создаётся новый черновик с этим текстом, чтобы на портале ничего не менялось до публикации</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>No saved versions yet.</source>
        <translation>Сохранённых версий пока нет.</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Not restored because of an unexpected error.</source>
        <translation>Не восстановлено из-за непредвиденной ошибки.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing was restored.</source>
        <translation>Ничего не восстановлено.</translation>
    </message>
</context>
<context>
    <name>IdlePolicyDialog</name>
    <message>
        <location filename="../../views/idle_policy_dialog.py" line="+25"/>
        <source>Idle lock</source>
        <translation>Блокировка при бездействии</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>After this long without input, every desk hides personal data until its user types the password again. Staff may choose a shorter time for their desk, not a longer one. Other desks take a change at their next login.</source>
        <translation>Если столько времени никто не работает с программой, она скрывает персональные данные, пока пользователь снова не введёт пароль. Сотрудник может выбрать для своего места время короче, но не длиннее. Другие рабочие места применят изменение при следующем входе.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>After this long without input, every desk hides personal data until its user types the password again. Only an administrator can change it.</source>
        <translation>Если столько времени никто не работает с программой, она скрывает персональные данные, пока пользователь снова не введёт пароль. Изменить это время может только администратор.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source> min</source>
        <translation> мин</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Lock after:</source>
        <translation>&amp;Блокировать через:</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Not set yet: desks lock after the default {minutes} min.</source>
        <translation>Ещё не задано: рабочие места блокируются через {minutes} мин (по умолчанию).</translation>
    </message>
</context>
<context>
    <name>LinkDialog</name>
    <message>
        <location filename="../../views/news/rich_dialogs.py" line="+53"/>
        <source>Link</source>
        <translation>Ссылка</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The address itself, if left empty</source>
        <translation>Если пусто — сам адрес</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Links open in a new tab on the portal. Web addresses (http://, https://) and e-mail addresses (mailto:) only.</source>
        <translation>Ссылки на портале открываются в новой вкладке. Только веб-адреса (http://, https://) и адреса e-mail (mailto:).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Text:</source>
        <translation>&amp;Текст:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Address:</source>
        <translation>&amp;Адрес:</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Type the address the link leads to.</source>
        <translation>Введите адрес, на который ведёт ссылка.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The portal does not accept this address. A link must start with http:// or https:// (a web page) or mailto: (an e-mail address).</source>
        <translation>Портал не принимает такой адрес. Ссылка должна начинаться с http:// или https:// (веб-страница) либо mailto: (адрес e-mail).</translation>
    </message>
</context>
<context>
    <name>ListActions</name>
    <message>
        <location filename="../../views/framework/list_page.py" line="+73"/>
        <source>&amp;Find…</source>
        <translation>&amp;Найти…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Re&amp;fresh</source>
        <translation>О&amp;бновить</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Read the list and the open record again</source>
        <translation>Заново прочитать список и открытую запись</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Export to Excel…</source>
        <translation>&amp;Выгрузить в Excel…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save every row the filters and the search select as an .xlsx file</source>
        <translation>Сохранить в файл .xlsx все строки, отобранные фильтрами и поиском</translation>
    </message>
</context>
<context>
    <name>ListExporter</name>
    <message>
        <location filename="../../views/framework/export.py" line="+77"/>
        <location line="+108"/>
        <location line="+39"/>
        <source>Export to Excel</source>
        <translation>Выгрузка в Excel</translation>
    </message>
    <message>
        <location line="-145"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Книга Excel (*.xlsx)</translation>
    </message>
    <message>
        <location line="+99"/>
        <source>Exporting {count} rows…</source>
        <translation>Выгрузка строк: {count}…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Exported {rows} rows to {file}.</source>
        <translation>Выгружено строк: {rows}, файл {file}.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The file could not be written: {reason}. Choose another folder or close the file if it is open in Excel, then export again.</source>
        <translation>Не удалось записать файл: {reason}. Выберите другую папку или закройте файл, если он открыт в Excel, и выгрузите снова.</translation>
    </message>
</context>
<context>
    <name>ListPage</name>
    <message>
        <location filename="../../views/framework/list_page.py" line="+57"/>
        <source>Loading the {what}…</source>
        <translation>Загрузка {what}…</translation>
    </message>
    <message>
        <location line="+207"/>
        <source>Nothing to show: the list is empty.</source>
        <translation>Показывать нечего: список пуст.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>The record could not be read.</source>
        <translation>Не удалось прочитать запись.</translation>
    </message>
</context>
<context>
    <name>ListView</name>
    <message>
        <location filename="../../views/framework/list_view.py" line="+251"/>
        <source>Shown {loaded} of {total}</source>
        <translation>Показано {loaded} из {total}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>loading…</source>
        <translation>загрузка…</translation>
    </message>
</context>
<context>
    <name>LockPage</name>
    <message>
        <location filename="../../views/idle_lock.py" line="+192"/>
        <source>Password</source>
        <translation>Пароль</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>User:</source>
        <translation>Пользователь:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password:</source>
        <translation>Пароль:</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>LKK Admin is locked</source>
        <translation>LKK Admin заблокирован</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Personal data is hidden until you enter your password again.</source>
        <translation>Персональные данные скрыты, пока вы снова не введёте пароль.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Unlock</source>
        <translation>Разблокировать</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Connect as another user…</source>
        <translation>Войти под другим пользователем…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Locked at your command.</source>
        <translation>Заблокировано по вашей команде.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Locked after {minutes} min of inactivity.</source>
        <translation>Заблокировано после {minutes} мин бездействия.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Enter your password.</source>
        <translation>Введите пароль.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Checking the password…</source>
        <translation>Проверка пароля…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Wrong password. Check the keyboard layout and Caps Lock.</source>
        <translation>Неверный пароль. Проверьте раскладку клавиатуры и Caps Lock.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>An unexpected error occurred; the details are in the log.</source>
        <translation>Произошла непредвиденная ошибка; подробности записаны в журнал.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The password could not be checked. {reason}</source>
        <translation>Не удалось проверить пароль. {reason}</translation>
    </message>
</context>
<context>
    <name>MailPreview</name>
    <message>
        <location filename="../../views/queue/mail_preview.py" line="+78"/>
        <source>The e-mail the applicant will get</source>
        <translation>Письмо, которое получит заявитель</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>To:</source>
        <translation>Кому:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subject:</source>
        <translation>Тема:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The text appears here as soon as it is written.</source>
        <translation>Текст письма появится здесь, как только вы напишете сообщение.</translation>
    </message>
</context>
<context>
    <name>MailSettingsDialog</name>
    <message>
        <location filename="../../views/mail/settings_dialog.py" line="+82"/>
        <source>Mail settings</source>
        <translation>Настройки почты</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>None (port 25, inside the office network)</source>
        <translation>Без шифрования (порт 25, внутри сети офиса)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>STARTTLS (port 587)</source>
        <translation>STARTTLS (порт 587)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SSL/TLS (port 465)</source>
        <translation>SSL/TLS (порт 465)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>empty: the server takes mail without a login</source>
        <translation>пусто — сервер принимает почту без входа</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>kept in the system&apos;s password store; leave empty to keep the saved one</source>
        <translation>в хранилище паролей системы; пусто — без изменений</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Temporary failures are retried with growing pauses; after this many tries the letter is marked as not delivered</source>
        <translation>После временных сбоев отправка повторяется с растущими паузами; после стольких попыток письмо отмечается как недоставленное</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Send the mail from this desk in the background</source>
        <translation>Отправлять почту с этого рабочего места в фоне</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>For a single desk. Where &apos;lkk-admin send-mail --watch&apos; runs on a server, leave this off.</source>
        <translation>Для одного рабочего места. Если на сервере работает «lkk-admin send-mail --watch», не включайте.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Mail &amp;server:</source>
        <translation>Почтовый &amp;сервер:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Encryption:</source>
        <translation>&amp;Шифрование:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Port:</source>
        <translation>&amp;Порт:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Login:</source>
        <translation>&amp;Логин:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pass&amp;word:</source>
        <translation>Паро&amp;ль:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sender &amp;address:</source>
        <translation>&amp;Адрес отправителя:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sender &amp;name:</source>
        <translation>&amp;Имя отправителя:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A&amp;ttempts per letter:</source>
        <translation>Попы&amp;ток на письмо:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>your e-mail address</source>
        <translation>ваш адрес электронной почты</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send a &amp;test letter</source>
        <translation>Отправить &amp;проверочное письмо</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Saving…</source>
        <translation>Сохранение…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Not saved: {error}</source>
        <translation>Не сохранено: {error}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Type the address to send the test letter to.</source>
        <translation>Укажите адрес, на который отправить проверочное письмо.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sending a test letter to {address}…</source>
        <translation>Отправка проверочного письма на {address}…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The server accepted the test letter to {address}.</source>
        <translation>Сервер принял проверочное письмо на {address}.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The test letter was not sent: {error}</source>
        <translation>Проверочное письмо не отправлено: {error}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../views/main_window.py" line="+93"/>
        <source>LKK Admin — RN-Energo</source>
        <translation>LKK Admin — РН-Энерго</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Your database user {user} is not in any LKK Admin staff group (verifier, editor, administrator), so there is nothing to show. Ask the administrator to give you a role: lkk-admin staff set-role.</source>
        <translation>Пользователь базы данных {user} не входит ни в одну группу сотрудников LKK Admin (проверяющий, редактор, администратор), поэтому показывать нечего. Попросите администратора назначить вам роль: lkk-admin staff set-role.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>RN-Energo customer portal</source>
        <translation>Личный кабинет клиента РН-Энерго</translation>
    </message>
    <message>
        <location line="+18"/>
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
        <location line="+3"/>
        <source>&amp;Lock</source>
        <translation>&amp;Заблокировать</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hide the data until the password is entered again (before leaving the desk)</source>
        <translation>Скрыть данные до повторного ввода пароля (перед тем как отойти от рабочего места)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>E&amp;xit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Sections</source>
        <translation>&amp;Разделы</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>&amp;Tools</source>
        <translation>С&amp;ервис</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Mail settings…</source>
        <translation>Настройки &amp;почты…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The mail server for the letters to applicants</source>
        <translation>Почтовый сервер для писем заявителям</translation>
    </message>
    <message>
        <location line="+118"/>
        <source>&lt;b&gt;LKK Admin&lt;/b&gt; {version}&lt;br&gt;The back office of the customer portal of RN-Energo LLC.&lt;p&gt;Sections: {sections}.&lt;/p&gt;&lt;p&gt;On the command line (&lt;code&gt;lkk-admin --help&lt;/code&gt;): updating the database schema, demo data, staff accounts, sending the mail and building customer reports.&lt;/p&gt;</source>
        <translation>&lt;b&gt;LKK Admin&lt;/b&gt; {version}&lt;br&gt;Рабочее место сотрудников Личного кабинета клиента ООО «РН-Энерго».&lt;p&gt;Разделы: {sections}.&lt;/p&gt;&lt;p&gt;В командной строке (&lt;code&gt;lkk-admin --help&lt;/code&gt;): обновление схемы базы данных, демонстрационные данные, учётные записи сотрудников, отправка писем и отчёты клиентов.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="-135"/>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;About</source>
        <translation>&amp;О программе</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>&amp;Portal link in letters…</source>
        <translation>&amp;Адрес портала в письмах…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Where the letters to applicants send them to log in</source>
        <translation>Куда письма заявителям направляют их для входа</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Review &amp;deadline…</source>
        <translation>&amp;Срок рассмотрения заявок…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How many working days a registration request may wait for a decision</source>
        <translation>Сколько рабочих дней заявка на регистрацию может ждать решения</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Supplier &amp;requisites…</source>
        <translation>&amp;Реквизиты поставщика…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The supplier&apos;s name, TIN/KPP and address printed on customer reports</source>
        <translation>Наименование, ИНН/КПП и адрес поставщика в шапке отчётов клиентам</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Personal data re&amp;tention…</source>
        <translation>Срок хранения &amp;персональных данных…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How many days after a registration&apos;s purpose ended its personal data stay</source>
        <translation>Сколько дней после достижения цели регистрации хранятся её персональные данные</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Idle lock…</source>
        <translation>&amp;Блокировка при бездействии…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How long any desk may sit idle before its window locks</source>
        <translation>Через сколько минут бездействия блокируется окно на любом рабочем месте</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>About LKK Admin</source>
        <translation>О программе LKK Admin</translation>
    </message>
    <message>
        <location line="+59"/>
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
    <message>
        <location line="+75"/>
        <source>That section is not available to you.</source>
        <translation>Этот раздел вам недоступен.</translation>
    </message>
</context>
<context>
    <name>MessageView</name>
    <message>
        <location filename="../../views/outbox/message_view.py" line="+128"/>
        <source>Letter</source>
        <translation>Письмо</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plain text</source>
        <translation>Простой текст</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The letter as the recipient&apos;s mail client shows it</source>
        <translation>Письмо так, как его покажет почтовая программа получателя</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The plain-text part, for mail clients that do not show HTML</source>
        <translation>Текстовая часть письма — для почтовых программ, которые не показывают HTML</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Delivery</source>
        <translation>Доставка</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Show address</source>
        <translation>Показать адрес</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show in full; the disclosure of personal data is recorded in the audit log</source>
        <translation>Показать полностью; раскрытие персональных данных записывается в журнал аудита</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>To:</source>
        <translation>Кому:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Status:</source>
        <translation>Состояние:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attempts:</source>
        <translation>Попыток:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Queued:</source>
        <translation>Создано:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next attempt:</source>
        <translation>След. попытка:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sent:</source>
        <translation>Отправлено:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last error:</source>
        <translation>Ошибка:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled:</source>
        <translation>Отменено:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retried:</source>
        <translation>Повторено:</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Select a letter in the list to see it exactly as it was or will be sent.</source>
        <translation>Выберите письмо в списке, чтобы увидеть его в точности таким, каким оно отправлено или будет отправлено.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No letter selected</source>
        <translation>Письмо не выбрано</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Letter No. {id}</source>
        <translation>Письмо № {id}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Request No. {id}</source>
        <translation>Заявка № {id}</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>{when}, {who}.
Reason: {reason}</source>
        <translation>{when}, {who}.
Причина: {reason}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{when}, {who} (after {attempts} attempts)</source>
        <translation>{when}, {who} (после {attempts} попыток)</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Link: {url}</source>
        <translation>Ссылка: {url}</translation>
    </message>
</context>
<context>
    <name>NewsEditorWindow</name>
    <message>
        <location filename="../../views/news/editor_window.py" line="+124"/>
        <source>&amp;Text</source>
        <translation>&amp;Текст</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>P&amp;review</source>
        <translation>&amp;Предпросмотр</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>What the item is about, in a few words</source>
        <translation>О чём запись — в нескольких словах</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Pinned at the top of the portal&apos;s list</source>
        <translation>&amp;Закрепить вверху списка на портале</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Two or three sentences the portal&apos;s list shows under the title</source>
        <translation>Два-три предложения, которые портал показывает в списке под заголовком</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;Title:</source>
        <translation>&amp;Заголовок:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Kind:</source>
        <translation>&amp;Вид:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Summary:</source>
        <translation>&amp;Анонс:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Copy my text</source>
        <translation>&amp;Скопировать мой текст</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Put the title, summary and text on the clipboard (as formatted text)</source>
        <translation>Поместить заголовок, анонс и текст в буфер обмена (с оформлением)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open &amp;their version</source>
        <translation>Открыть &amp;их версию</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open the version saved meanwhile in a window beside this one; saving this window afterwards replaces it with your text</source>
        <translation>Открыть сохранённую тем временем версию в соседнем окне; после этого сохранение этого окна заменит её вашим текстом</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;Save</source>
        <translation>&amp;Сохранить</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save a new version (Ctrl+S); the portal shows it only once published</source>
        <translation>Сохранить новую версию (Ctrl+S); портал покажет её только после публикации</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Publish…</source>
        <translation>&amp;Опубликовать…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save, then publish now or at a set time (the preview is shown once more)</source>
        <translation>Сохранить и опубликовать сейчас или в заданное время (предпросмотр покажется ещё раз)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>The item is archived: duplicate it to write a new one.</source>
        <translation>Запись в архиве: чтобы написать новую, создайте её копию.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>New item</source>
        <translation>Новая запись</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{length} of {limit} characters</source>
        <translation>{length} из {limit} символов</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Type the title.</source>
        <translation>Введите заголовок.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The summary is too long: at most {n} characters.</source>
        <translation>Анонс слишком длинный: не больше {n} символов.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Saving…</source>
        <translation>Сохранение…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Saved: version {version}.</source>
        <translation>Сохранено: версия {version}.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Not saved because of an unexpected error. Your text is still here: copy it or try again.</source>
        <translation>Не сохранено из-за непредвиденной ошибки. Ваш текст остался здесь: скопируйте его или повторите попытку.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not saved. Your text is still here.</source>
        <translation>Не сохранено. Ваш текст остался здесь.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Your text is on the clipboard.</source>
        <translation>Ваш текст — в буфере обмена.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Saved by {who} at {when}: version {version}. Read-only.</source>
        <translation>Сохранено сотрудником {who} {when}: версия {version}. Только просмотр.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Their version is open beside this window. Saving now replaces it with your text; copy what you need from theirs first.</source>
        <translation>Их версия открыта в соседнем окне. Сохранение сейчас заменит её вашим текстом; сначала перенесите из неё нужное.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The item has unsaved changes. Save them before closing?</source>
        <translation>В записи есть несохранённые изменения. Сохранить их перед закрытием?</translation>
    </message>
</context>
<context>
    <name>NewsFormatting</name>
    <message>
        <location filename="../../views/news/formatting.py" line="+23"/>
        <source>News</source>
        <translation>Новость</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reference article</source>
        <translation>Справочная статья</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>draft</source>
        <translation>черновик</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>scheduled</source>
        <translation>запланирована</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>published</source>
        <translation>опубликована</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>archived</source>
        <translation>в архиве</translation>
    </message>
</context>
<context>
    <name>NewsPage</name>
    <message>
        <location filename="../../views/news/news_page.py" line="+114"/>
        <source>Published: the portal shows it from the moment set.</source>
        <translation>Опубликовано: портал показывает запись с заданного момента.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Taken off the portal: the item is a draft again.</source>
        <translation>Снято с портала: запись снова черновик.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Archived.</source>
        <translation>Перенесено в архив.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Pinned at the top.</source>
        <translation>Закреплено вверху.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unpinned.</source>
        <translation>Откреплено.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>A new draft with the same text.</source>
        <translation>Создан новый черновик с тем же текстом.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The older version is a draft now.</source>
        <translation>Ранняя версия теперь черновик.</translation>
    </message>
</context>
<context>
    <name>NewsPane</name>
    <message>
        <location filename="../../views/news/news_pane.py" line="+21"/>
        <source>Publication</source>
        <translation>Публикация</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Choose an item in the list to see it here.</source>
        <translation>Выберите запись в списке, чтобы увидеть её здесь.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>pinned</source>
        <translation>закреплена</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>on the portal now</source>
        <translation>сейчас на портале</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Status</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Published from</source>
        <translation>Публикуется с</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Until</source>
        <translation>До</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no end</source>
        <translation>без срока</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pinned</source>
        <translation>Закреплена</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Author</source>
        <translation>Автор</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created</source>
        <translation>Создана</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last change</source>
        <translation>Последнее изменение</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Versions</source>
        <translation>Версий</translation>
    </message>
</context>
<context>
    <name>NewsSection</name>
    <message>
        <location filename="../../views/news/news_section.py" line="+30"/>
        <source>All</source>
        <translation>Все</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drafts</source>
        <translation>Черновики</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scheduled</source>
        <translation>Запланированные</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Published</source>
        <translation>Опубликованные</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Archive</source>
        <translation>Архив</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Title</source>
        <translation>Заголовок</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The title; 📌 marks an item pinned at the top</source>
        <translation>Заголовок; 📌 — запись закреплена вверху</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>News or reference article</source>
        <translation>Новость или справочная статья</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Status</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Draft, scheduled (published from a later moment), published, archived</source>
        <translation>Черновик, запланирована (публикуется с более позднего момента), опубликована, в архиве</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Published from</source>
        <translation>Публикуется с</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When the portal starts showing it (Moscow time)</source>
        <translation>С какого момента портал показывает запись (время московское)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Until</source>
        <translation>До</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When the portal stops showing it (Moscow time)</source>
        <translation>До какого момента портал показывает запись (время московское)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Author</source>
        <translation>Автор</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Who wrote it</source>
        <translation>Кто написал</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Last change</source>
        <translation>Изменена</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When and by whom it was last changed</source>
        <translation>Когда и кем изменена в последний раз</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;New item…</source>
        <translation>&amp;Новая запись…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write a new news item or reference article</source>
        <translation>Написать новость или справочную статью</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Edit…</source>
        <translation>&amp;Редактировать…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the item in its editor window</source>
        <translation>Открыть запись в окне редактора</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Publish…</source>
        <translation>&amp;Опубликовать…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Publish now or at a set moment, after one more look at the preview</source>
        <translation>Опубликовать сейчас или в заданный момент, ещё раз посмотрев предпросмотр</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Unpublish</source>
        <translation>&amp;Снять с публикации</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take it off the portal; it becomes a draft again</source>
        <translation>Убрать с портала; запись снова станет черновиком</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Take the item off the portal? It becomes a draft again.</source>
        <translation>Снять запись с портала? Она снова станет черновиком.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>P&amp;in / unpin</source>
        <translation>&amp;Закрепить / открепить</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pinned items stand first in the portal&apos;s list</source>
        <translation>Закреплённые записи стоят первыми в списке на портале</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Duplicate</source>
        <translation>Создать &amp;копию</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A new draft with the same text</source>
        <translation>Новый черновик с тем же текстом</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Versions…</source>
        <translation>&amp;Версии…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every saved version: compare two, restore one as a new draft</source>
        <translation>Все сохранённые версии: сравнить две, восстановить одну как новый черновик</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Archive</source>
        <translation>В &amp;архив</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take it off the portal for good; it stays in the archive</source>
        <translation>Убрать с портала насовсем; запись останется в архиве</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Archive the item? The portal stops showing it; it can only be duplicated afterwards.</source>
        <translation>Перенести запись в архив? Портал перестанет её показывать; потом её можно будет только скопировать.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Search in titles and texts (Ctrl+F)</source>
        <translation>Поиск по заголовкам и текстам (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A word or a part of one from the title, the summary or the text</source>
        <translation>Слово или часть слова из заголовка, анонса или текста</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No news yet. Write the first one with «New item» (Ctrl+N).</source>
        <translation>Новостей пока нет. Напишите первую: «Новая запись» (Ctrl+N).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing matches. Type less or choose &quot;All&quot;.</source>
        <translation>Ничего не найдено. Сократите запрос или выберите «Все».</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;News</source>
        <translation>&amp;Новости</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>news</source>
        <translation>новостей</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>News</source>
        <translation>Новости</translation>
    </message>
</context>
<context>
    <name>OptionsEditor</name>
    <message>
        <location filename="../../views/surveys/builder_options.py" line="+235"/>
        <source>Type on a line to edit it; Enter goes to the next line and adds one after the last; drag or Ctrl+Up/Down to reorder.</source>
        <translation>Печатайте прямо в строке; Enter переходит к следующей и добавляет новую после последней; порядок меняется перетаскиванием или Ctrl+↑/↓.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Add o&amp;ption</source>
        <translation>До&amp;бавить вариант</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add an option after the current one (Insert)</source>
        <translation>Добавить вариант после текущего (Insert)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove the current option (Delete)</source>
        <translation>Удалить текущий вариант (Delete)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Up</source>
        <translation>Выше</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move the current option up (Ctrl+Up)</source>
        <translation>Поднять вариант (Ctrl+↑)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Down</source>
        <translation>Ниже</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move the current option down (Ctrl+Down)</source>
        <translation>Опустить вариант (Ctrl+↓)</translation>
    </message>
</context>
<context>
    <name>OutboxFormatting</name>
    <message>
        <location filename="../../views/outbox/formatting.py" line="+27"/>
        <source>Waiting to be sent</source>
        <comment>letter</comment>
        <translation>Ждёт отправки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sent</source>
        <comment>letter</comment>
        <translation>Отправлено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed</source>
        <comment>letter</comment>
        <translation>Не отправлено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled</source>
        <comment>letter</comment>
        <translation>Отменено</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>All</source>
        <comment>letters</comment>
        <translation>Все</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting</source>
        <comment>letters</comment>
        <translation>Ждут отправки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sent</source>
        <comment>letters</comment>
        <translation>Отправленные</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed</source>
        <comment>letters</comment>
        <translation>Неотправленные</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled</source>
        <comment>letters</comment>
        <translation>Отменённые</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Registration approved</source>
        <translation>Регистрация одобрена</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Registration rejected</source>
        <translation>Регистрация отклонена</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Clarification requested</source>
        <translation>Запрос уточнений</translation>
    </message>
</context>
<context>
    <name>OutboxPage</name>
    <message>
        <location filename="../../views/outbox/outbox_page.py" line="+128"/>
        <source>Letter No. {id} is back in the queue: the sender will try again from the first attempt.</source>
        <translation>Письмо № {id} снова в очереди: отправка начнётся заново с первой попытки.</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Letter No. {id} is cancelled: it will not be sent.</source>
        <translation>Письмо № {id} отменено: оно не будет отправлено.</translation>
    </message>
</context>
<context>
    <name>OutboxSection</name>
    <message>
        <location filename="../../views/outbox/outbox_section.py" line="+65"/>
        <source>Created</source>
        <translation>Создано</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When the letter was queued (by the decision that caused it)</source>
        <translation>Когда письмо поставлено в очередь (решением, по которому оно написано)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Status</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting to be sent, sent, failed or cancelled</source>
        <translation>Ждёт отправки, отправлено, не отправлено или отменено</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Recipient</source>
        <translation>Получатель</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The recipient&apos;s address, masked; open the letter to show it in full</source>
        <translation>Адрес получателя, скрытый; полностью его можно показать в письме</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Letter</source>
        <translation>Письмо</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What the letter tells the applicant; point at it for the subject</source>
        <translation>О чём письмо заявителю; тема — во всплывающей подсказке</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Attempts</source>
        <translation>Попыток</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delivery attempts made so far</source>
        <translation>Сколько попыток отправки уже сделано</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Next attempt</source>
        <translation>След. попытка</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When the sender tries again (letters waiting to be sent)</source>
        <translation>Когда будет следующая попытка отправки (для писем, ждущих отправки)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Last error</source>
        <translation>Ошибка</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The mail server&apos;s answer to the last failed attempt</source>
        <translation>Ответ почтового сервера на последнюю неудачную попытку</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Request No.</source>
        <translation>Заявка №</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The registration request the letter is about</source>
        <translation>Заявка на регистрацию, по которой написано письмо</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Search: subject, request No., recipient&apos;s address (Ctrl+F)</source>
        <translation>Тема, № заявки, адрес (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Search by subject, request number or recipient&apos;s address</source>
        <translation>Поиск по теме, номеру заявки или адресу получателя</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The outbox is empty. A letter to the applicant is queued here with every decision on a registration request.</source>
        <translation>Исходящая почта пуста. Письмо заявителю попадает сюда с каждым решением по заявке на регистрацию.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No letters match the filter. Choose &quot;All&quot;, untick the dates or clear the search.</source>
        <translation>Ни одно письмо не подходит под условия. Выберите «Все», снимите отметки с дат или очистите поиск.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Mail</source>
        <translation>&amp;Письма</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>letters</source>
        <translation>писем</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Queued from</source>
        <translation>С</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>to</source>
        <translation>по</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tick to show only letters queued on or after / on or before this day</source>
        <translation>Отметьте, чтобы показать только письма, созданные начиная с этого дня / по этот день включительно</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Retry sending</source>
        <translation>&amp;Отправить повторно</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send the failed letter again, starting from the first attempt</source>
        <translation>Снова отправить письмо, которое не удалось отправить, начиная с первой попытки</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Cancel sending…</source>
        <translation>Отменить о&amp;тправку…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop a letter that has not been sent yet; the reason is recorded in the audit log</source>
        <translation>Не отправлять письмо, которое ещё ждёт отправки; причина записывается в журнал аудита</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Show &amp;address</source>
        <translation>Показать &amp;адрес</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the recipient&apos;s address in full; this is recorded in the audit log</source>
        <translation>Показать адрес получателя полностью; это записывается в журнал аудита</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Outgoing mail</source>
        <translation>Исходящая почта</translation>
    </message>
</context>
<context>
    <name>OverviewActions</name>
    <message>
        <location filename="../../views/overview/overview_page.py" line="+61"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Обновить</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Read the figures again</source>
        <translation>Прочитать показатели заново</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Export to Excel…</source>
        <translation>&amp;Выгрузить в Excel…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save every figure of the overview to an Excel workbook, a sheet per table</source>
        <translation>Сохранить все показатели обзора в книгу Excel, по листу на таблицу</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Overview</source>
        <translation>&amp;Обзор</translation>
    </message>
</context>
<context>
    <name>OverviewFigures</name>
    <message>
        <location filename="../../views/overview/figures.py" line="+58"/>
        <source>Chart</source>
        <translation>Диаграмма</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Numbers</source>
        <translation>Числа</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Waiting for a decision, by age in working days</source>
        <translation>Ожидают решения: возраст в рабочих днях</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Decisions per day</source>
        <translation>Решения по дням</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Time from submission to a final decision, per week</source>
        <translation>Срок от подачи до окончательного решения, по неделям</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>By verifier</source>
        <translation>По проверяющим</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Returned for clarification more than once</source>
        <translation>Возвращались на уточнение больше одного раза</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Most common rejection reasons</source>
        <translation>Частые причины отказа</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Most common finding codes in decisions</source>
        <translation>Частые замечания проверок в решениях</translation>
    </message>
    <message numerus="yes">
        <location line="+39"/>
        <source>Deadline: %n working day(s) from submission; bars past it are red. Counted: requests in the queue and under review.</source>
        <translation>
            <numerusform>Срок рассмотрения — %n рабочий день от подачи; столбцы за сроком — красные. Учтены заявки в очереди и на проверке.</numerusform>
            <numerusform>Срок рассмотрения — %n рабочих дня от подачи; столбцы за сроком — красные. Учтены заявки в очереди и на проверке.</numerusform>
            <numerusform>Срок рассмотрения — %n рабочих дней от подачи; столбцы за сроком — красные. Учтены заявки в очереди и на проверке.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Since {day}, {weeks} weeks.</source>
        <translation>С {day}, недель: {weeks}.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Approved {approved}, rejected {rejected}, returned for clarification {returned}.</source>
        <translation>Одобрено {approved}, отклонено {rejected}, возвращено на уточнение {returned}.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Hours until approval or rejection: median and 90th percentile, from submission (solid) and from the e-mail&apos;s confirmation (dashed, “confirmed”).</source>
        <translation>Часы до одобрения или отказа: медиана и 90-й процентиль от подачи (сплошные линии) и от подтверждения почты (пунктир, «от почты»).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>waiting for a decision</source>
        <translation>ожидают решения</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{count} under review</source>
        <translation>на проверке: {count}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>past the deadline</source>
        <translation>просрочены</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>deadline: %n working day(s)</source>
        <translation>
            <numerusform>срок — %n рабочий день</numerusform>
            <numerusform>срок — %n рабочих дня</numerusform>
            <numerusform>срок — %n рабочих дней</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>become overdue on {day}</source>
        <translation>станут просроченными {day}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the next working day</source>
        <translation>в следующий рабочий день</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>working days the oldest has waited</source>
        <translation>рабочих дней ждёт самая давняя</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>waiting for applicants</source>
        <translation>ждут заявителей</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{returned} returned, {unconfirmed} without a confirmed e-mail</source>
        <translation>на уточнении: {returned}, почта не подтверждена: {unconfirmed}</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>decisions in %n week(s)</source>
        <translation>
            <numerusform>решений за %n неделю</numerusform>
            <numerusform>решений за %n недели</numerusform>
            <numerusform>решений за %n недель</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{count} requests returned more than once</source>
        <translation>возвращались не раз: {count}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Returned once: {once}; twice: {twice}; three times or more: {more}. Double-click a request to open it in the queue.</source>
        <translation>Возвращены один раз: {once}; дважды: {twice}; три раза и больше: {more}. Двойной щелчок по заявке открывает её в очереди.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No request has been returned more than once.</source>
        <translation>Ни одну заявку не возвращали на уточнение больше одного раза.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No decisions in the period and no claims now.</source>
        <translation>За период решений не было, и сейчас заявки никем не взяты.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No request was rejected in the period.</source>
        <translation>За период ни одна заявка не отклонена.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No decision of the period recorded the findings it was taken on, so there is nothing to count yet.</source>
        <translation>Ни одно решение за период не сохранило замечания проверок, на которых оно принято, — считать пока нечего.</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <location filename="../../views/overview/overview_page.py" line="+54"/>
        <source>The period the decisions and times are counted for</source>
        <translation>Период, за который считаются решения и сроки</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n week(s)</source>
        <translation>
            <numerusform>%n неделя</numerusform>
            <numerusform>%n недели</numerusform>
            <numerusform>%n недель</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Excel…</source>
        <translation>Excel…</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Reading…</source>
        <translation>Чтение…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>As of {time}</source>
        <translation>На {time}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The figures could not be read; those shown may be out of date.</source>
        <translation>Не удалось прочитать показатели; показанные могут быть устаревшими.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Queue overview</source>
        <translation>Обзор очереди</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The overview is saved to {file}.</source>
        <translation>Обзор сохранён в файл {file}.</translation>
    </message>
</context>
<context>
    <name>OverviewTables</name>
    <message>
        <location filename="../../views/overview/tables.py" line="+48"/>
        <source>TIN invalid</source>
        <translation>ИНН с ошибкой</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>KPP missing</source>
        <translation>Нет КПП</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>KPP invalid</source>
        <translation>КПП с ошибкой</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>KPP of a sole proprietor</source>
        <translation>КПП у ИП</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TIN not in the registry</source>
        <translation>ИНН нет в реестре</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TIN found with another KPP</source>
        <translation>ИНН найден с другим КПП</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name differs from the registry</source>
        <translation>Наименование не как в реестре</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“Existing counterparty” ticked wrongly</source>
        <translation>Неверная отметка «Действующий контрагент»</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Contract not found</source>
        <translation>Договор не найден</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contract of another counterparty</source>
        <translation>Договор другого контрагента</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+16"/>
        <source>Contract terminated</source>
        <translation>Договор расторгнут</translation>
    </message>
    <message>
        <location line="-15"/>
        <location line="+293"/>
        <source>E-mail not confirmed</source>
        <translation>Почта не подтверждена</translation>
    </message>
    <message>
        <location line="-292"/>
        <source>Another open request</source>
        <translation>Есть другая открытая заявка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Access already granted</source>
        <translation>Доступ уже есть</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Public mail domain</source>
        <translation>Общедоступный почтовый домен</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contract suspended</source>
        <translation>Договор приостановлен</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contract number typed differently</source>
        <translation>Номер договора записан иначе</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Applicant blocked</source>
        <translation>Заявитель заблокирован</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>TIN not among the counterparties</source>
        <translation>ИНН не найден среди контрагентов</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contract of another organisation</source>
        <translation>Договор другой организации</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Authority not confirmed</source>
        <translation>Не подтверждены полномочия</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name does not match the contract</source>
        <translation>Наименование не совпадает с договором</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repeats a request already made</source>
        <translation>Повторная заявка</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>In the verifier&apos;s own words</source>
        <translation>Своими словами проверяющего</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>past the SLA</source>
        <translation>просрочены</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>within the SLA</source>
        <translation>в срок</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Waiting by age</source>
        <translation>Ожидают по возрасту</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Working days</source>
        <translation>Рабочих дней</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>In the queue</source>
        <translation>В очереди</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Under review</source>
        <translation>На проверке</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+20"/>
        <source>Total</source>
        <translation>Всего</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>Deadline</source>
        <translation>Срок</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Decisions per day</source>
        <translation>Решения по дням</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Day</source>
        <translation>День</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+59"/>
        <location line="+78"/>
        <source>Approved</source>
        <translation>Одобрено</translation>
    </message>
    <message>
        <location line="-136"/>
        <location line="+59"/>
        <location line="+78"/>
        <source>Rejected</source>
        <translation>Отклонено</translation>
    </message>
    <message>
        <location line="-136"/>
        <location line="+59"/>
        <location line="+78"/>
        <source>Returned</source>
        <translation>Возвращено</translation>
    </message>
    <message>
        <location line="-124"/>
        <source>Time to decision</source>
        <translation>Срок до решения</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Week from</source>
        <translation>Неделя с</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+41"/>
        <source>Decisions</source>
        <translation>Решений</translation>
    </message>
    <message>
        <location line="-38"/>
        <source>Median, h</source>
        <translation>Медиана, ч</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>90th
percentile, h</source>
        <translation>90-й
процентиль, ч</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Median from
confirmation, h</source>
        <translation>Медиана от
подтверждения, ч</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>90th pct. from
confirmation, h</source>
        <translation>90-й процентиль
от подтверждения, ч</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>By verifier</source>
        <translation>По проверяющим</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Verifier</source>
        <translation>Проверяющий</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Under review now</source>
        <translation>Сейчас на проверке</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Returned repeatedly</source>
        <translation>Повторные возвраты</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Request</source>
        <translation>Заявка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Returns</source>
        <translation>Возвратов</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Organisation</source>
        <translation>Организация</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Rejection reasons</source>
        <translation>Причины отказа</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+23"/>
        <source>Code</source>
        <translation>Код</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>Rejections</source>
        <translation>Отказов</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Finding codes</source>
        <translation>Замечания проверок</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Finding</source>
        <translation>Замечание</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>As of</source>
        <translation>Дата</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deadline for a decision, working days</source>
        <translation>Срок рассмотрения, рабочих дней</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Waiting for a decision</source>
        <translation>Ожидают решения</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>of them under review</source>
        <translation>из них на проверке</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Past the deadline</source>
        <translation>Просрочены</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Becoming overdue on {day}</source>
        <translation>Станут просроченными {day}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Oldest waiting, working days</source>
        <translation>Самая давняя ждёт, рабочих дней</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Returned, waiting for the applicant</source>
        <translation>Возвращены, ждут ответа заявителя</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Period from</source>
        <translation>Период с</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decisions in the period</source>
        <translation>Решений за период</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Returned once</source>
        <translation>Возвращались один раз</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Returned twice</source>
        <translation>Возвращались дважды</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Returned three times or more</source>
        <translation>Возвращались три раза и больше</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Summary</source>
        <translation>Сводка</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Figure</source>
        <translation>Показатель</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Value</source>
        <translation>Значение</translation>
    </message>
</context>
<context>
    <name>OwnersPanel</name>
    <message>
        <location filename="../../views/queue/request_parts.py" line="+321"/>
        <source>Contract {number} belongs to {owner}, not to the organisation entered:</source>
        <translation>Договор № {number} заключён с {owner}, а не с организацией из заявки:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Contract owner</source>
        <translation>Владелец договора</translation>
    </message>
</context>
<context>
    <name>PortalLinkDialog</name>
    <message>
        <location filename="../../views/mail/portal_link_dialog.py" line="+26"/>
        <source>Portal link in letters</source>
        <translation>Адрес портала в письмах</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The letters to applicants tell them to log in at this address. It is the same for every desk; letters already queued keep the address they have.</source>
        <translation>По этому адресу письма предлагают заявителям войти в личный кабинет. Он один для всех рабочих мест; в письмах, уже стоящих в очереди, остаётся прежний адрес.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The letters to applicants tell them to log in at this address. Only an administrator can change it.</source>
        <translation>По этому адресу письма предлагают заявителям войти в личный кабинет. Изменить его может только администратор.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Portal &amp;address:</source>
        <translation>&amp;Адрес портала:</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Not set yet: letters give this default address.</source>
        <translation>Ещё не задан: в письмах указывается этот адрес по умолчанию.</translation>
    </message>
</context>
<context>
    <name>PortalPreview</name>
    <message>
        <location filename="../../views/news/portal_preview.py" line="+40"/>
        <source>Item page</source>
        <translation>Страница записи</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Portal home page</source>
        <translation>Главная страница портала</translation>
    </message>
</context>
<context>
    <name>PortalUserPane</name>
    <message>
        <location filename="../../views/portal_users/user_pane.py" line="+41"/>
        <source>Profile</source>
        <translation>Профиль</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show e-mail</source>
        <translation>Показать e-mail</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show phone</source>
        <translation>Показать телефон</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Show in full; the disclosure of personal data is recorded in the audit log</source>
        <translation>Показать полностью; раскрытие персональных данных записывается в журнал аудита</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Organisation</source>
        <translation>Организация</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open in the registry</source>
        <translation>Открыть в реестре</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The counterparty, its contracts and everyone with access to them</source>
        <translation>Контрагент, его договоры и все, у кого есть к ним доступ</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Contract</source>
        <translation>Договор</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Access</source>
        <translation>Доступ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Granted</source>
        <translation>Предоставлен</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Through</source>
        <translation>Основание</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revoked</source>
        <translation>Отозван</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why</source>
        <translation>Причина отзыва</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Double-click a row granted by a request to open the request in the queue</source>
        <translation>Двойной щелчок по доступу, предоставленному по заявке, открывает заявку в очереди</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Request</source>
        <translation>Заявка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Submitted</source>
        <translation>Подана</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+12"/>
        <location line="+104"/>
        <source>Status</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location line="-115"/>
        <source>TIN / KPP</source>
        <translation>ИНН / КПП</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contracts typed</source>
        <translation>Указанные договоры</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decided</source>
        <translation>Решение</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Double-click a request to open it in the queue</source>
        <translation>Двойной щелчок открывает заявку в очереди</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Letter</source>
        <translation>Письмо</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Queued</source>
        <translation>Поставлено</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Subject</source>
        <translation>Тема</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Double-click a letter to open it in the outbox</source>
        <translation>Двойной щелчок открывает письмо в исходящей почте</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Who</source>
        <translation>Кто</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What</source>
        <translation>Что</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Details</source>
        <translation>Подробности</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Double-click an event to open it in the audit log</source>
        <translation>Двойной щелчок открывает событие в журнале аудита</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Choose a user in the list to see them here.</source>
        <translation>Выберите пользователя в списке, чтобы увидеть его здесь.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The personal data of this account were anonymised on {day} when their retention term ended; it cannot sign in.</source>
        <translation>Персональные данные этой учётной записи обезличены {day} по истечении срока хранения; войти с ней нельзя.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Blocked by {who} on {when}. The portal refuses the login; access to contracts is kept. Reason: {reason}</source>
        <translation>Заблокирован сотрудником {who} {when}. Портал не пускает пользователя; доступ к договорам сохранён. Причина: {reason}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Every access of this user has been revoked: the account is active, but the portal shows it no contract.</source>
        <translation>Весь доступ пользователя отозван: учётная запись активна, но портал не показывает ему ни одного договора.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Login</source>
        <translation>Логин</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>ФИО</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Registered</source>
        <translation>Зарегистрирован</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>E-mail confirmed</source>
        <translation>E-mail подтверждён</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Last login</source>
        <translation>Последний вход</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Before blocking</source>
        <translation>До блокировки</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open requests</source>
        <translation>Открытые заявки</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Organisation name</source>
        <translation>Наименование</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>Вид</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TIN</source>
        <translation>ИНН</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>KPP</source>
        <translation>КПП</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Registry</source>
        <translation>Реестр</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not matched: as typed in the latest request</source>
        <translation>не сопоставлена: как указано в последней заявке</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>request No. {id}</source>
        <translation>заявка № {id}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>administrator: {reason}</source>
        <translation>администратор: {reason}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>live</source>
        <translation>действует</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>revoked</source>
        <translation>отозван</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Contracts</source>
        <translation>Договоры</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>({live} live, {revoked} revoked)</source>
        <translation>(действуют: {live}, отозваны: {revoked})</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Registration requests</source>
        <translation>Заявки на регистрацию</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Letters to the user</source>
        <translation>Письма пользователю</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>waiting</source>
        <translation>ждёт отправки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sent</source>
        <translation>отправлено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>не отправлено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancelled</source>
        <translation>отменено</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Recent events</source>
        <translation>Последние события</translation>
    </message>
</context>
<context>
    <name>PortalUsersPage</name>
    <message>
        <location filename="../../views/portal_users/users_page.py" line="+124"/>
        <source>The user already has access to {numbers}: nothing was changed.</source>
        <translation>У пользователя уже есть доступ к договору {numbers}: ничего не изменено.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The user is blocked.</source>
        <translation>Пользователь заблокирован.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The user is unblocked.</source>
        <translation>Пользователь разблокирован.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Access to {numbers} is revoked.</source>
        <translation>Доступ к договорам {numbers} отозван.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Access to {numbers} is granted.</source>
        <translation>Доступ к договору {numbers} предоставлен.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Letter No. {id} is queued to the user.</source>
        <translation>Письмо № {id} поставлено в очередь пользователю.</translation>
    </message>
</context>
<context>
    <name>PortalUsersSection</name>
    <message>
        <location filename="../../views/portal_users/users_section.py" line="+28"/>
        <source>All</source>
        <translation>Все</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Active</source>
        <translation>Активные</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Blocked</source>
        <translation>Заблокированные</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-mail not confirmed</source>
        <translation>E-mail не подтверждён</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Awaiting verification</source>
        <translation>Ждут проверки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejected</source>
        <translation>Отклонённые</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Login</source>
        <translation>Логин</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The login the user signs in with</source>
        <translation>Логин, с которым пользователь входит на портал</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Name</source>
        <translation>ФИО</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last name and initials</source>
        <translation>Фамилия и инициалы</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Masked; the user&apos;s card shows it in full (recorded in the log)</source>
        <translation>Скрыт; полностью его показывает карточка пользователя (с записью в журнал)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Masked, like the e-mail</source>
        <translation>Скрыт, как и e-mail</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Organisation</source>
        <translation>Организация</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name and TIN / KPP of the organisation the user was approved for (or, before a decision, as the request typed it)</source>
        <translation>Наименование и ИНН / КПП организации, для которой одобрен пользователь (до решения — как в заявке)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Status</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The account&apos;s status on the portal</source>
        <translation>Состояние учётной записи на портале</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Contracts</source>
        <translation>Договоры</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Contracts the user sees now (live access)</source>
        <translation>Договоры, которые пользователь видит сейчас (действующий доступ)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Registered</source>
        <translation>Регистрация</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When the account was created on the portal</source>
        <translation>Когда учётная запись создана на портале</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Last login</source>
        <translation>Последний вход</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When the user last signed in to the portal</source>
        <translation>Когда пользователь последний раз входил на портал</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Block…</source>
        <translation>&amp;Заблокировать…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Block the account with a reason: the portal refuses the user&apos;s login; the user is told by e-mail</source>
        <translation>Заблокировать учётную запись с указанием причины: портал перестанет пускать пользователя; ему придёт письмо</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Unblock…</source>
        <translation>&amp;Разблокировать…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore the status the account had before it was blocked; the user is told by e-mail</source>
        <translation>Вернуть учётной записи состояние, которое было до блокировки; пользователю придёт письмо</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Grant access…</source>
        <translation>&amp;Предоставить доступ…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give the user access to another contract of their organisation (on its written request); the user is told by e-mail</source>
        <translation>Открыть пользователю ещё один договор его организации (по её письменному обращению); пользователю придёт письмо</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Revoke access…</source>
        <translation>&amp;Отозвать доступ…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take back access to one or several contracts with a reason; the records stay, the user is told by e-mail</source>
        <translation>Отозвать доступ к одному или нескольким договорам с указанием причины; записи сохраняются, пользователю придёт письмо</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Anonymise expired personal data…</source>
        <translation>&amp;Обезличить данные с истёкшим сроком хранения…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find rejected and expired registrations and unconfirmed accounts kept past the organisation&apos;s term, anonymise them and save the act (152-FZ)</source>
        <translation>Найти отклонённые и просроченные регистрации и неподтверждённые учётные записи, срок хранения которых истёк, обезличить их и сохранить акт (152-ФЗ)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Search: login, e-mail, name, TIN, contract No. (Ctrl+F)</source>
        <translation>Поиск: логин, e-mail, ФИО, ИНН, № договора (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type what you have: a login, an e-mail, a part of the name, a TIN or its beginning, a contract number (spaces, dashes and look-alike letters do not matter)</source>
        <translation>Введите, что есть под рукой: логин, e-mail, часть ФИО, ИНН или его начало, номер договора (пробелы, дефисы и похожие буквы не важны)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The portal has no users yet.</source>
        <translation>На портале пока нет пользователей.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nobody matches. Check the spelling, type less or choose &quot;All&quot;.</source>
        <translation>Никто не подходит. Проверьте написание, сократите запрос или выберите «Все».</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Users</source>
        <translation>&amp;Пользователи</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>portal users</source>
        <translation>пользователей портала</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Portal users</source>
        <translation>Пользователи портала</translation>
    </message>
</context>
<context>
    <name>PublishDialog</name>
    <message>
        <location filename="../../views/news/publish_dialog.py" line="+47"/>
        <source>Publish on the portal</source>
        <translation>Публикация на портале</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>«{title}» — {kind}</source>
        <translation>«{title}» — {kind}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Every customer sees it on the portal&apos;s home page from the moment set below. Check the preview once more: this is how the portal shows it. Times are Moscow time.</source>
        <translation>С момента, заданного ниже, запись увидит на главной странице портала каждый клиент. Проверьте предпросмотр ещё раз: так её покажет портал. Время московское.</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Publish &amp;now</source>
        <translation>Опубликовать &amp;сейчас</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Publish &amp;at:</source>
        <translation>Опубликовать &amp;в:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Take it off the portal at:</source>
        <translation>&amp;Снять с портала в:</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>The moment to publish at has passed: choose «Publish now» or a later one.</source>
        <translation>Момент публикации уже прошёл: выберите «Опубликовать сейчас» или более поздний.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The item must leave the portal after it appears on it.</source>
        <translation>Запись должна сниматься с портала позже, чем появляется на нём.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Publish now</source>
        <translation>&amp;Опубликовать сейчас</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Schedule</source>
        <translation>&amp;Запланировать</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Not published because of an unexpected error.</source>
        <translation>Не опубликовано из-за непредвиденной ошибки.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing was published.</source>
        <translation>Ничего не опубликовано.</translation>
    </message>
</context>
<context>
    <name>QuestionCard</name>
    <message numerus="yes">
        <location filename="../../views/surveys/results_cards.py" line="-82"/>
        <source>%n of {respondents} answered</source>
        <translation>
            <numerusform>Ответил %n из {respondents}</numerusform>
            <numerusform>Ответили %n из {respondents}</numerusform>
            <numerusform>Ответили %n из {respondents}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QuestionEditor</name>
    <message>
        <location filename="../../views/surveys/builder_editor.py" line="+61"/>
        <source>What the customer is asked</source>
        <translation>О чём спрашиваем клиента</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>An answer is &amp;required</source>
        <translation>Об&amp;язательный вопрос</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>&amp;Text:</source>
        <translation>&amp;Текст:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Kind:</source>
        <translation>Т&amp;ип:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Scale:</source>
        <translation>&amp;Шкала:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Options:</source>
        <translation>Вари&amp;анты:</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Question {number} of {total}</source>
        <translation>Вопрос {number} из {total}</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>This kind has no options: the {count} options typed are kept while you change your mind, but they are dropped when the survey is saved.</source>
        <translation>У этого типа вопроса нет вариантов: введённые варианты ({count}) сохранятся, пока вы не передумаете, но при сохранении опроса будут удалены.</translation>
    </message>
</context>
<context>
    <name>QueueActions</name>
    <message>
        <location filename="../../views/queue/actions.py" line="+43"/>
        <source>Take &amp;next</source>
        <translation>Взять &amp;следующую</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Claim the oldest request waiting in the queue and open it</source>
        <translation>Взять в работу самую давнюю заявку из очереди и открыть её</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Claim</source>
        <translation>&amp;Взять в работу</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take the open request into review: nobody else can decide it meanwhile</source>
        <translation>Взять открытую заявку в работу: пока она у вас, решение по ней не примет никто другой</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Approve…</source>
        <translation>&amp;Одобрить…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Grant access to the chosen contracts; shows the e-mail before sending</source>
        <translation>Предоставить доступ к отмеченным договорам; перед отправкой показывает письмо заявителю</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Reject…</source>
        <translation>О&amp;тклонить…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refuse access with a reason the applicant will read</source>
        <translation>Отказать в доступе, указав причину для заявителя</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Return for c&amp;larification…</source>
        <translation>Вернуть на &amp;уточнение…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask the applicant to clarify or correct the data</source>
        <translation>Попросить заявителя уточнить или исправить данные</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Re&amp;lease</source>
        <translation>Ос&amp;вободить</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Put the request back in the queue for another verifier</source>
        <translation>Вернуть заявку в очередь, чтобы её взял другой сотрудник</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ne&amp;xt request</source>
        <translation>Сле&amp;дующая заявка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the next request of the list</source>
        <translation>Открыть следующую заявку списка</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Previous request</source>
        <translation>&amp;Предыдущая заявка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the previous request of the list</source>
        <translation>Открыть предыдущую заявку списка</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Find…</source>
        <translation>&amp;Поиск…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search by TIN, KPP, name, e-mail, login or contract number</source>
        <translation>Поиск по ИНН, КПП, наименованию, e-mail, логину или номеру договора</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Re&amp;fresh</source>
        <translation>О&amp;бновить</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reload the list and the counts</source>
        <translation>Перечитать список и счётчики заявок</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Export to Excel…</source>
        <translation>&amp;Выгрузить в Excel…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save every request of the tab and the search as an .xlsx file</source>
        <translation>Сохранить в файл .xlsx все заявки вкладки и поиска</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Review &amp;deadline…</source>
        <translation>Сро&amp;к рассмотрения…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The organisation&apos;s review deadline: after how many working days a waiting request is overdue (set by an administrator)</source>
        <translation>Срок рассмотрения заявок в организации: через сколько рабочих дней ожидающая заявка считается просроченной (задаёт администратор)</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>&amp;Requests</source>
        <translation>&amp;Заявки</translation>
    </message>
</context>
<context>
    <name>QueueFormatting</name>
    <message>
        <location filename="../../views/queue/formatting.py" line="+65"/>
        <source>{n} min</source>
        <translation>{n} мин</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{n} h</source>
        <translation>{n} ч</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} d.</source>
        <translation>{n} дн.</translation>
    </message>
    <message>
        <location filename="../../views/framework/formatting.py" line="+111"/>
        <source>Legal entity</source>
        <translation>Юридическое лицо</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sole proprietor</source>
        <translation>Индивидуальный предприниматель</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>E-mail not confirmed</source>
        <translation>Ждёт подтверждения почты</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In the queue</source>
        <translation>В очереди</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Under review</source>
        <translation>На проверке</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Returned for clarification</source>
        <translation>На уточнении</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approved</source>
        <translation>Одобрена</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejected</source>
        <translation>Отклонена</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expired</source>
        <translation>Просрочена</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>active</source>
        <translation>действует</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>suspended</source>
        <translation>приостановлен</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>terminated</source>
        <translation>расторгнут</translation>
    </message>
    <message>
        <location line="-45"/>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <location filename="../../views/queue/formatting.py" line="+27"/>
        <source>{holder} (lease ended {time})</source>
        <translation>{holder} (срок истёк {time})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>you, until {time}</source>
        <translation>вы, до {time}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{holder} until {time}</source>
        <translation>{holder} до {time}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Error</source>
        <translation>Ошибка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warning</source>
        <translation>Предупреждение</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>Замечание</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>no findings</source>
        <translation>замечаний нет</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>errors: {errors}, warnings: {warnings}, notes: {infos}</source>
        <translation>ошибок: {errors}, предупреждений: {warnings}, замечаний: {infos}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Contract {number}: {message}</source>
        <translation>Договор {number}: {message}</translation>
    </message>
</context>
<context>
    <name>QueueList</name>
    <message>
        <location filename="../../views/queue/queue_list.py" line="+276"/>
        <source>In the queue</source>
        <translation>В очереди</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Under review</source>
        <translation>На проверке</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Awaiting clarification</source>
        <translation>На уточнении</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-mail not confirmed</source>
        <translation>Ждут подтверждения почты</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decided</source>
        <translation>Решённые</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All</source>
        <translation>Все</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Shown {loaded} of {total}</source>
        <translation>Показано {loaded} из {total}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>loading…</source>
        <translation>загрузка…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>No request matches «{search}». Search by a part of the TIN, KPP, name, e-mail, login or contract number; Esc clears the search.</source>
        <translation>Ни одна заявка не подходит под «{search}». Ищите по части ИНН, КПП, наименования, e-mail, логина или номера договора; Esc очищает поиск.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No request on the «{tab}» tab matches «{search}». Look on the «{all}» tab, or clear the search (Esc).</source>
        <translation>На вкладке «{tab}» ни одна заявка не подходит под «{search}». Посмотрите на вкладке «{all}» или очистите поиск (Esc).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No request is waiting in the queue. New registrations from the portal appear here by themselves.</source>
        <translation>В очереди нет ожидающих заявок. Новые регистрации с портала появятся здесь сами.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No request is under review. A request taken with «Take next» (F2) or «Claim» is listed here until it is decided or released.</source>
        <translation>Ни одна заявка сейчас не на проверке. Заявка, взятая кнопкой «Взять следующую» (F2) или «Взять в работу», видна здесь, пока по ней не примут решение или не освободят её.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No request is awaiting the applicant&apos;s clarification. Requests returned for clarification wait here until the applicant answers.</source>
        <translation>Нет заявок, ждущих уточнений от заявителя. Заявки, возвращённые на уточнение, ждут здесь ответа заявителя.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Every applicant has confirmed their e-mail. A request whose e-mail is not confirmed yet waits here and cannot be decided.</source>
        <translation>Все заявители подтвердили почту. Заявка с неподтверждённым e-mail ждёт здесь, решение по ней принять нельзя.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No request has been approved or rejected yet. Decided requests are listed here, the newest first.</source>
        <translation>Пока ни одна заявка не одобрена и не отклонена. Решённые заявки видны здесь, новые — сверху.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>There are no registration requests yet. They come from the portal.</source>
        <translation>Заявок на регистрацию пока нет. Они поступают с портала.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Live updates paused: {problem}</source>
        <translation>Автообновление приостановлено: {problem}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Updates instantly</source>
        <translation>Список обновляется сразу</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Demo database: updates every {seconds} s</source>
        <translation>Демобаза: список обновляется каждые {seconds} с</translation>
    </message>
</context>
<context>
    <name>QueuePage</name>
    <message>
        <location filename="../../views/queue/queue_page.py" line="+83"/>
        <source>Registration queue</source>
        <translation>Очередь регистраций</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Search: TIN, KPP, name, e-mail, login, contract No. (Ctrl+F)</source>
        <translation>ИНН, КПП, название, e-mail, логин, № договора</translation>
    </message>
</context>
<context>
    <name>RatingCard</name>
    <message>
        <location filename="../../views/surveys/results_cards.py" line="+154"/>
        <source>Nobody has answered this question yet</source>
        <translation>На этот вопрос пока никто не ответил</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mean {mean}, median {median}</source>
        <translation>Среднее {mean}, медиана {median}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>NPS {nps}: promoters (9–10) {promoters}, passives (7–8) {passives}, detractors (0–6) {detractors}</source>
        <translation>NPS {nps}: сторонники (9–10) {promoters}, нейтральные (7–8) {passives}, критики (0–6) {detractors}</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>{value}, {label}: {count} of {answered} ({percent})</source>
        <translation>{value}, {label}: {count} из {answered} ({percent})</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Rating</source>
        <translation>Оценка</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Mean</source>
        <translation>Среднее</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Median</source>
        <translation>Медиана</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>NPS</source>
        <translation>NPS</translation>
    </message>
</context>
<context>
    <name>RegistrySection</name>
    <message>
        <location filename="../../views/registry/registry_section.py" line="+17"/>
        <source>All</source>
        <translation>Все</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Active</source>
        <translation>Действующие</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not active</source>
        <translation>Недействующие</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>TIN</source>
        <translation>ИНН</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ИНН: 10 digits of a company, 12 of a person</source>
        <translation>ИНН: 10 цифр у организации, 12 — у физического лица</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>KPP</source>
        <translation>КПП</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>КПП (companies only)</source>
        <translation>КПП (только у организаций)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Name</source>
        <translation>Наименование</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The short name; the tooltip has the full one</source>
        <translation>Краткое наименование; полное — во всплывающей подсказке</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>OGRN</source>
        <translation>ОГРН</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ОГРН (13 digits) or ОГРНИП (15 digits)</source>
        <translation>ОГРН (13 цифр) или ОГРНИП (15 цифр)</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+47"/>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <location line="-45"/>
        <source>Legal entity or sole proprietor</source>
        <translation>Юридическое лицо или индивидуальный предприниматель</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Contracts</source>
        <translation>Договоры</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Active contracts / all contracts</source>
        <translation>Действующие договоры / все договоры</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Users</source>
        <translation>Польз.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Portal users with access to its contracts</source>
        <translation>Пользователи портала с доступом к его договорам</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Search: TIN, KPP, OGRN, name, contract No., meter No. (Ctrl+F)</source>
        <translation>Поиск: ИНН, КПП, ОГРН, название, № договора, № счётчика (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type what you have: a TIN or its beginning, a KPP, an OGRN, a part of the name (case, quotes and «ООО» do not matter), a contract number or a meter&apos;s serial</source>
        <translation>Введите то, что есть под рукой: ИНН или его начало, КПП, ОГРН, часть названия (регистр, кавычки и «ООО» не важны), номер договора или заводской номер счётчика</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The registry has no counterparties yet.</source>
        <translation>В реестре пока нет контрагентов.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nobody in the registry matches. Check the digits, type less of the name or choose &quot;All&quot; and any type.</source>
        <translation>В реестре никто не подходит. Проверьте цифры, введите меньшую часть названия или выберите «Все» и любой тип.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Registry</source>
        <translation>&amp;Реестр</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>counterparties</source>
        <translation>контрагентов</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>any type</source>
        <translation>любой тип</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only legal entities or only sole proprietors</source>
        <translation>Только юридические лица или только индивидуальные предприниматели</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Counterparties</source>
        <translation>Контрагенты</translation>
    </message>
</context>
<context>
    <name>RejectDialog</name>
    <message>
        <location filename="../../views/queue/decision_dialogs.py" line="+158"/>
        <source>Reject the request</source>
        <translation>Отклонение заявки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reject</source>
        <translation>Отклонить</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Another reason (write it below)</source>
        <translation>Другая причина (напишите её ниже)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The checks suggest returning the request for clarification rather than rejecting it: {why}.</source>
        <translation>Проверки подсказывают не отклонять заявку, а вернуть её на уточнение: {why}.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Return for clarification instead…</source>
        <translation>Вернуть на уточнение вместо отказа…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reason:</source>
        <translation>Причина:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Text for the applicant (required):</source>
        <translation>Текст для заявителя (обязательно):</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Write the reason: the applicant will read it.</source>
        <translation>Напишите причину отказа: её прочитает заявитель.</translation>
    </message>
</context>
<context>
    <name>ReportChooser</name>
    <message>
        <location filename="../../views/reports/chooser.py" line="+68"/>
        <source>TIN, name or contract No.</source>
        <translation>ИНН, наименование или № договора</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No contract chosen</source>
        <translation>Договор не выбран</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>&amp;Build report</source>
        <translation>&amp;Сформировать</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Build the report and show it (Ctrl+Enter)</source>
        <translation>Сформировать отчёт и показать его (Ctrl+Enter)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&lt;b&gt;Contract&lt;/b&gt;</source>
        <translation>&lt;b&gt;Договор&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Contract</source>
        <translation>Договор</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Customer</source>
        <translation>Покупатель</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>TIN</source>
        <translation>ИНН</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Report</source>
        <translation>Отчёт</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;1 Consumption report</source>
        <translation>&amp;1 Отчёт по потреблению</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;2 Settlement statement</source>
        <translation>&amp;2 Расчётная ведомость</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;3 Tariff components certificate</source>
        <translation>&amp;3 Справка о составляющих тарифа</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Period</source>
        <translation>Период</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;From:</source>
        <translation>&amp;С:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;To:</source>
        <translation>&amp;По:</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>The contract is not active</source>
        <translation>Договор не действует</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>Only the first %n are shown: type more of the name or number.</source>
        <translation>
            <numerusform>Показан только первый %n: уточните наименование или номер.</numerusform>
            <numerusform>Показаны только первые %n: уточните наименование или номер.</numerusform>
            <numerusform>Показаны только первые %n: уточните наименование или номер.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing found. Check the TIN or the contract number.</source>
        <translation>Ничего не найдено. Проверьте ИНН или номер договора.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type at least two characters.</source>
        <translation>Введите хотя бы два знака.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Contract No. %1, %2, TIN %3</source>
        <translation>Договор № %1, %2, ИНН %3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reading the months with data…</source>
        <translation>Чтение месяцев, за которые есть данные…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Charges: %1.</source>
        <translation>Начисления: %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Readings: %1.</source>
        <translation>Показания: %1.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>none yet</source>
        <translation>пока нет</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Choose a contract first: type its TIN, name or number.</source>
        <translation>Сначала выберите договор: введите ИНН, наименование или номер.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The period starts after it ends: check the months.</source>
        <translation>Начало периода позже его конца: проверьте месяцы.</translation>
    </message>
</context>
<context>
    <name>ReportPreview</name>
    <message>
        <location filename="../../views/reports/preview.py" line="+96"/>
        <source>◀</source>
        <translation>◀</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Previous page</source>
        <translation>Предыдущая страница</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>▶</source>
        <translation>▶</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Next page</source>
        <translation>Следующая страница</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>−</source>
        <translation>−</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Zoom out</source>
        <translation>Уменьшить</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>+</source>
        <translation>+</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Zoom in</source>
        <translation>Увеличить</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Save as PDF…</source>
        <translation>&amp;Сохранить в PDF…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Save the report as a PDF file</source>
        <translation>Сохранить отчёт в файл PDF</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Print…</source>
        <translation>&amp;Печать…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Print the report</source>
        <translation>Напечатать отчёт</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Own &amp;window</source>
        <translation>В отдельном &amp;окне</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open this report in a window of its own, to place reports side by side</source>
        <translation>Открыть отчёт в отдельном окне, чтобы расположить отчёты рядом</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Page</source>
        <translation>Страница</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source> of %n</source>
        <translation>
            <numerusform> из %n</numerusform>
            <numerusform> из %n</numerusform>
            <numerusform> из %n</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Zoom</source>
        <translation>Масштаб</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit width</source>
        <translation>По ширине</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Whole page</source>
        <translation>Страница целиком</translation>
    </message>
    <message>
        <location line="+91"/>
        <source>Save the report</source>
        <translation>Сохранение отчёта</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF documents (*.pdf)</source>
        <translation>Документы PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Saved: %1</source>
        <translation>Сохранено: %1</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The printer could not be started.</source>
        <translation>Не удалось начать печать на этом принтере.</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>Sent to the printer: %n page(s).</source>
        <translation>
            <numerusform>Отправлена на печать %n страница.</numerusform>
            <numerusform>Отправлено на печать %n страницы.</numerusform>
            <numerusform>Отправлено на печать %n страниц.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportsActions</name>
    <message>
        <location filename="../../views/reports/actions.py" line="+28"/>
        <source>&amp;Find a contract</source>
        <translation>&amp;Найти договор</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search contracts by TIN, customer&apos;s name or contract number</source>
        <translation>Поиск договора по ИНН, наименованию покупателя или номеру договора</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Build report</source>
        <translation>&amp;Сформировать</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Build the chosen report for the chosen months and show it</source>
        <translation>Сформировать выбранный отчёт за выбранные месяцы и показать его</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Save as PDF…</source>
        <translation>&amp;Сохранить в PDF…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the report shown as a PDF file</source>
        <translation>Сохранить открытый отчёт в файл PDF</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Print…</source>
        <translation>&amp;Печать…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Print the report shown</source>
        <translation>Напечатать открытый отчёт</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Own &amp;window</source>
        <translation>В отдельном &amp;окне</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the report shown in a window of its own, to place reports side by side</source>
        <translation>Открыть отчёт в отдельном окне, чтобы расположить отчёты рядом</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Close report</source>
        <translation>&amp;Закрыть отчёт</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Close the report shown</source>
        <translation>Закрыть открытый отчёт</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Report</source>
        <translation>&amp;Отчёт</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <location filename="../../views/reports/reports_page.py" line="+84"/>
        <source>Find the contract on the left by its TIN, the customer&apos;s name or the contract number, choose the report and the months, and press «Build report». The report appears here exactly as the customer gets it from the portal; several reports open as tabs.</source>
        <translation>Найдите договор слева по ИНН, наименованию покупателя или номеру договора, выберите отчёт и месяцы и нажмите «Сформировать». Отчёт появится здесь таким, каким его получает клиент в личном кабинете; несколько отчётов открываются во вкладках.</translation>
    </message>
    <message>
        <location line="+139"/>
        <source>Building the report…</source>
        <translation>Формирование отчёта…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Laying out the pages…</source>
        <translation>Вёрстка страниц…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reading the figures…</source>
        <translation>Чтение данных…</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>The report is ready: %n page(s).</source>
        <translation>
            <numerusform>Отчёт готов: %n страница.</numerusform>
            <numerusform>Отчёт готов: %n страницы.</numerusform>
            <numerusform>Отчёт готов: %n страниц.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The tariff certificate covers only the months the contract was in force: {first}–{last}.</source>
        <translation>Справка о составляющих тарифа охватывает только месяцы действия договора: {first}–{last}.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Building was cancelled.</source>
        <translation>Формирование отменено.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Consumption</source>
        <translation>Потребление</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Statement</source>
        <translation>Ведомость</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tariff</source>
        <translation>Тариф</translation>
    </message>
</context>
<context>
    <name>RequestAdvice</name>
    <message>
        <location filename="../../views/queue/advice.py" line="+20"/>
        <source>The TIN entered differs from the owner&apos;s by a digit or two: probably a typo. Consider returning the request for clarification.</source>
        <translation>ИНН в заявке отличается от ИНН владельца одной-двумя цифрами — похоже на опечатку. Заявку лучше вернуть на уточнение.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The same TIN with another KPP: probably a branch of the same organisation. Consider returning the request for clarification.</source>
        <translation>ИНН тот же, КПП другой — вероятно, это подразделение той же организации. Заявку лучше вернуть на уточнение.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The name entered is the owner&apos;s, the TIN is not: probably a mistyped TIN. Consider returning the request for clarification.</source>
        <translation>Наименование совпадает с наименованием владельца, а ИНН — нет: вероятно, ИНН указан с ошибкой. Заявку лучше вернуть на уточнение.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>contract {number} belongs to {owner}: the same TIN with another KPP</source>
        <translation>договор № {number} заключён с {owner}: ИНН тот же, КПП другой</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>contract {number} belongs to {owner}, whose name is the one entered but whose TIN is not</source>
        <translation>договор № {number} заключён с {owner}: наименование совпадает с указанным в заявке, а ИНН — нет</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>contract {number} belongs to {owner}, whose TIN differs from the one entered by a digit or two</source>
        <translation>договор № {number} заключён с {owner}, чей ИНН отличается от указанного в заявке одной-двумя цифрами</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>the TIN is in the registry, but with another KPP</source>
        <translation>ИНН есть в реестре, но с другим КПП</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the TIN is mistyped</source>
        <translation>ИНН указан с ошибкой</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The checks suggest returning the request for clarification: {why}.</source>
        <translation>Проверки подсказывают вернуть заявку на уточнение: {why}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The checks suggest rejecting the request: «{reason}»</source>
        <translation>Проверки подсказывают отклонить заявку: «{reason}»</translation>
    </message>
</context>
<context>
    <name>RequestDesk</name>
    <message>
        <location filename="../../views/queue/desk.py" line="+151"/>
        <source>Taken from the queue: the request of your colleague {holder}, whose claim lapsed {time}; it was submitted before every waiting request ({when}, {age} ago). It is yours to review now.</source>
        <translation>Взята из очереди заявка коллеги {holder}, чья блокировка истекла {time}: она подана раньше всех ожидающих ({when}, {age} назад). Теперь она закреплена за вами.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Taken from the queue: the oldest waiting request, submitted {when} ({age} ago). It is yours to review.</source>
        <translation>Взята из очереди самая давняя ожидающая заявка: подана {when} ({age} назад). Она закреплена за вами.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Released {holder}&apos;s claim: the request is back in the queue.</source>
        <translation>Заявка освобождена (её проверял {holder}) и возвращена в очередь.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Released: the request is back in the queue.</source>
        <translation>Заявка освобождена и возвращена в очередь.</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>No request is waiting in the queue. New requests appear here by themselves.</source>
        <translation>В очереди нет ожидающих заявок. Новые заявки появятся в списке сами.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The queue is empty.</source>
        <translation>Очередь пуста.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Request No. {id} is no longer claimed by you: {holder} is reviewing it now. A decision of yours on it would not be saved.</source>
        <translation>Заявка № {id} больше не закреплена за вами: её проверяет {holder}. Ваше решение по ней не будет сохранено.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Request No. {id} is no longer claimed by you (now: {status}). A decision of yours on it would not be saved.</source>
        <translation>Заявка № {id} больше не закреплена за вами (сейчас: {status}). Ваше решение по ней не будет сохранено.</translation>
    </message>
    <message>
        <location line="+128"/>
        <source>Request No. {id} approved: access to {granted} contract(s) granted. The applicant&apos;s e-mail is queued for sending. Press F2 for the next request.</source>
        <translation>Заявка № {id} одобрена: предоставлен доступ к договорам ({granted}). Письмо заявителю поставлено в очередь отправки. F2 — взять следующую заявку.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Request No. {id} rejected. The applicant&apos;s e-mail is queued for sending. Press F2 for the next request.</source>
        <translation>Заявка № {id} отклонена. Письмо заявителю поставлено в очередь отправки. F2 — взять следующую заявку.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Request No. {id} returned for clarification. The applicant&apos;s e-mail is queued for sending. Press F2 for the next request.</source>
        <translation>Заявка № {id} возвращена на уточнение. Письмо заявителю поставлено в очередь отправки. F2 — взять следующую заявку.</translation>
    </message>
</context>
<context>
    <name>RequestTableModel</name>
    <message>
        <location filename="../../views/queue/request_table_model.py" line="+82"/>
        <source>Submitted</source>
        <translation>Подана</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Organisation</source>
        <translation>Организация</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TIN / KPP</source>
        <translation>ИНН / КПП</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contracts</source>
        <translation>Договоры</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checks</source>
        <translation>Проверка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Claimed by</source>
        <translation>Взята</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>When the applicant submitted the request, and how long ago</source>
        <translation>Когда заявитель подал заявку и сколько времени прошло</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The organisation as the applicant typed it</source>
        <translation>Организация так, как её указал заявитель</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TIN and KPP as typed</source>
        <translation>ИНН и КПП так, как их ввёл заявитель</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contract numbers as typed</source>
        <translation>Номера договоров так, как их ввёл заявитель</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Errors, warnings and notes of the automatic checks</source>
        <translation>Ошибки, предупреждения и замечания автоматической проверки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who is reviewing the request, and until when the claim holds</source>
        <translation>Кто проверяет заявку и до какого времени она за ним закреплена</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status of the request</source>
        <translation>Статус заявки</translation>
    </message>
    <message>
        <location line="+261"/>
        <source>Request No. {id}, submitted {when}</source>
        <translation>Заявка № {id}, подана {when}</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Overdue: was due by {due} ({days} working days to a decision)</source>
        <translation>Просрочена: рассмотреть нужно было до {due} включительно ({days} раб. дн. на решение)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Due by {due} ({days} working days to a decision)</source>
        <translation>Рассмотреть до {due} включительно ({days} раб. дн. на решение)</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>{name}
{type} · login {login} · {email}</source>
        <translation>{name}
{type} · логин {login} · {email}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No contracts typed</source>
        <translation>Договоры не указаны</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Claimed by {holder} until {until}</source>
        <translation>Взята в работу: {holder}, до {until}</translation>
    </message>
</context>
<context>
    <name>RequestView</name>
    <message>
        <location filename="../../views/queue/request_view.py" line="+174"/>
        <source>Step 1. Account</source>
        <translation>Шаг 1. Данные аккаунта</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Login:</source>
        <translation>Логин:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>E-mail:</source>
        <translation>Электронная почта:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Step 2. Personal information</source>
        <translation>Шаг 2. Личная информация</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Last name:</source>
        <translation>Фамилия:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First name:</source>
        <translation>Имя:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Patronymic:</source>
        <translation>Отчество:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Phone:</source>
        <translation>Контактный телефон:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Step 3. Company information</source>
        <translation>Шаг 3. Информация о компании</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Organisation type:</source>
        <translation>Тип организации:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TIN:</source>
        <translation>ИНН:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>KPP:</source>
        <translation>КПП:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name:</source>
        <translation>Наименование:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Existing counterparty:</source>
        <translation>Действующий контрагент:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contract numbers:</source>
        <translation>Номера договоров:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Automatic checks</source>
        <translation>Автоматическая проверка</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The organisation: entered and in the registry</source>
        <translation>Организация: введено заявителем и данные реестра</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Open in the registry</source>
        <translation>Открыть в реестре</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>See the counterparty the checks matched: its contracts, users and requests</source>
        <translation>Посмотреть контрагента, найденного проверками: его договоры, пользователей и заявки</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Contracts</source>
        <translation>Договоры</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Show</source>
        <translation>Показать</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show in full; the disclosure of personal data is recorded in the audit log</source>
        <translation>Показать полностью; просмотр персональных данных записывается в журнал аудита</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Open a request from the list (Enter or double click) or take the next one waiting in the queue.</source>
        <translation>Откройте заявку из списка (Enter или двойной щелчок) или возьмите следующую заявку из очереди.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No request open</source>
        <translation>Заявка не открыта</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Request No. {id} · {name}</source>
        <translation>Заявка № {id} · {name}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{status} · submitted {when} ({age} ago)</source>
        <translation>{status} · подана {when} ({age} назад)</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>No counterparty with this TIN in the registry.</source>
        <translation>В реестре нет контрагента с таким ИНН.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> (inactive)</source>
        <translation> (неактивен)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Registry: {name}{state}, OGRN {ogrn}</source>
        <translation>Реестр: {name}{state}, ОГРН {ogrn}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The registry has this TIN with another KPP: {name}{state}, KPP {kpp}, OGRN {ogrn}</source>
        <translation>В реестре этот ИНН с другим КПП: {name}{state}, КПП {kpp}, ОГРН {ogrn}</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>As checked when the decision was taken ({when}); the checks are not run again.</source>
        <translation>Проверки на момент решения ({when}); повторно они не выполняются.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Checked now: the decision kept no record of its checks, so what follows may differ from what it was taken on.</source>
        <translation>Проверено сейчас: результаты проверок на момент решения не сохранились, поэтому ниже может быть не то, на основании чего оно принято.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Claimed by you until {time}; the claim is renewed while the request is open.</source>
        <translation>Взята вами в работу до {time}; срок продлевается, пока заявка открыта.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Was claimed by {holder}; the claim ended at {time}: you may take it.</source>
        <translation>Была у {holder}, срок истёк в {time}: заявку можно взять в работу.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Being reviewed by {holder} until {time}.</source>
        <translation>Заявку проверяет {holder} до {time}.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Waiting in the queue: nobody has claimed it.</source>
        <translation>Ждёт в очереди: никто не взял её в работу.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The applicant has not confirmed the e-mail address yet.</source>
        <translation>Заявитель ещё не подтвердил адрес электронной почты.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{status} by {who}, {when}.</source>
        <translation>{status}: {who}, {when}.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reason: {reason}</source>
        <translation>Причина: {reason}</translation>
    </message>
</context>
<context>
    <name>RespondentPreview</name>
    <message>
        <location filename="../../views/surveys/respondent_preview.py" line="+102"/>
        <source>The survey has no questions yet.</source>
        <translation>В опросе пока нет вопросов.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send answers</source>
        <translation>Отправить ответы</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>(no title)</source>
        <translation>(без названия)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{mark} marks a question that needs an answer</source>
        <translation>{mark} — обязательный вопрос</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>(the question has no text yet)</source>
        <translation>(у вопроса пока нет текста)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Your answer</source>
        <translation>Ваш ответ</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Choose one answer</source>
        <translation>Выберите один ответ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Choose all that apply</source>
        <translation>Выберите все подходящие</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(no options yet)</source>
        <translation>(вариантов пока нет)</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Not at all likely</source>
        <translation>Маловероятно</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Extremely likely</source>
        <translation>Очень вероятно</translation>
    </message>
</context>
<context>
    <name>RetentionDialog</name>
    <message>
        <location filename="../../views/portal_users/retention_dialog.py" line="+91"/>
        <source>Anonymise personal data</source>
        <translation>Обезличивание персональных данных</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Personal data of rejected and expired registrations and of accounts never confirmed are kept for the organisation&apos;s period after their purpose ended (Tools → Personal data retention), then replaced with an anonymous marker. Ids, dates, statuses, TIN/KPP and decisions stay. An act lists the records by id. This cannot be undone.</source>
        <translation>Персональные данные отклонённых и просроченных регистраций и неподтверждённых учётных записей хранятся установленный организацией срок после достижения цели (Сервис → Срок хранения персональных данных), затем заменяются обезличенной отметкой. Идентификаторы, даты, состояния, ИНН/КПП и решения сохраняются. Акт перечисляет записи по идентификаторам. Отменить это нельзя.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>&amp;Anonymise…</source>
        <translation>&amp;Обезличить…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Stop</source>
        <translation>&amp;Остановить</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the &amp;act…</source>
        <translation>Сохранить &amp;акт…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Storage period:</source>
        <translation>Срок хранения:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Request rejected:</source>
        <translation>Заявка отклонена:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Request expired, e-mail not confirmed:</source>
        <translation>Заявка просрочена, e-mail не подтверждён:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Account never confirmed:</source>
        <translation>Учётная запись не подтверждена:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Records due:</source>
        <translation>Подлежат обезличиванию:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Waiting for a letter to go:</source>
        <translation>Ждут отправки письма:</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Reading what is due…</source>
        <translation>Поиск записей с истёкшим сроком…</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>%n day(s) after the purpose ended</source>
        <translation>
            <numerusform>%n день после достижения цели</numerusform>
            <numerusform>%n дня после достижения цели</numerusform>
            <numerusform>%n дней после достижения цели</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nothing is due: no personal data wait for anonymisation.</source>
        <translation>Обезличивать нечего: записей с истёкшим сроком хранения нет.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only an administrator can anonymise personal data.</source>
        <translation>Обезличивать персональные данные может только администратор.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n record(s) will be anonymised.</source>
        <translation>
            <numerusform>Будет обезличена %n запись.</numerusform>
            <numerusform>Будут обезличены %n записи.</numerusform>
            <numerusform>Будут обезличены %n записей.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>Anonymise the personal data of %n record(s)? Names, phones, e-mails and logins are replaced for good; this cannot be undone.</source>
        <translation>
            <numerusform>Обезличить персональные данные %n записи? ФИО, телефоны, e-mail и логины будут заменены навсегда; отменить это нельзя.</numerusform>
            <numerusform>Обезличить персональные данные %n записей? ФИО, телефоны, e-mail и логины будут заменены навсегда; отменить это нельзя.</numerusform>
            <numerusform>Обезличить персональные данные %n записей? ФИО, телефоны, e-mail и логины будут заменены навсегда; отменить это нельзя.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Anonymising…</source>
        <translation>Обезличивание…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Stopping after the batch in hand…</source>
        <translation>Остановка после текущей порции…</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Anonymised: %n record(s) in {seconds} s ({rate} per second).</source>
        <translation>
            <numerusform>Обезличена %n запись за {seconds} с ({rate} в секунду).</numerusform>
            <numerusform>Обезличены %n записи за {seconds} с ({rate} в секунду).</numerusform>
            <numerusform>Обезличено %n записей за {seconds} с ({rate} в секунду).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Stopped: %n record(s) left for the next run.</source>
        <translation>
            <numerusform>Остановлено: %n запись осталась до следующего запуска.</numerusform>
            <numerusform>Остановлено: %n записи остались до следующего запуска.</numerusform>
            <numerusform>Остановлено: %n записей осталось до следующего запуска.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n record(s) were being changed meanwhile and are left for the next run.</source>
        <translation>
            <numerusform>%n запись в это время изменялась и оставлена до следующего запуска.</numerusform>
            <numerusform>%n записи в это время изменялись и оставлены до следующего запуска.</numerusform>
            <numerusform>%n записей в это время изменялись и оставлены до следующего запуска.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Save the act</source>
        <translation>Сохранение акта</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF documents (*.pdf)</source>
        <translation>Документы PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Writing the act…</source>
        <translation>Запись акта…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The act is saved: {path}</source>
        <translation>Акт сохранён: {path}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The act is not saved yet. Save it with «Save the act…», or later with lkk-admin retention --act-for {run}.</source>
        <translation>Акт ещё не сохранён. Сохраните его кнопкой «Сохранить акт…» или позже командой lkk-admin retention --act-for {run}.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Something went wrong; see the error report.</source>
        <translation>Что-то пошло не так; подробности — в отчёте об ошибке.</translation>
    </message>
</context>
<context>
    <name>RetentionPeriodDialog</name>
    <message>
        <location filename="../../views/retention_period_dialog.py" line="+25"/>
        <source>Personal data retention</source>
        <translation>Срок хранения персональных данных</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>When a registration request is rejected or expires, or an account is left unconfirmed, the person&apos;s name, phone, e-mail and login have no purpose left. This many days later the retention run (Portal users → Anonymise, or lkk-admin retention) replaces them with an anonymous marker and records it in an act. The law (152-FZ) allows at most 30 days.</source>
        <translation>Когда заявка на регистрацию отклонена или просрочена либо учётная запись не подтверждена, ФИО, телефон, e-mail и логин человека больше ни для чего не нужны. Через указанное число дней обезличивание (Пользователи портала → Обезличить или lkk-admin retention) заменяет их обезличенной отметкой и фиксирует это в акте. Закон (152-ФЗ) допускает не более 30 дней.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>How many days after a registration&apos;s purpose ended its personal data are anonymised. The period is the same for every desk; only an administrator can change it.</source>
        <translation>Через сколько дней после достижения цели регистрации её персональные данные обезличиваются. Срок общий для всех рабочих мест; изменить его может только администратор.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source> days</source>
        <translation> дн.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Anonymise after:</source>
        <translation>&amp;Обезличивать через:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not set yet: the default of {days} days applies.</source>
        <translation>Ещё не задан: действует срок по умолчанию — {days} дн.</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <location filename="../../views/queue/decision_dialogs.py" line="+38"/>
        <source>Return the request for clarification</source>
        <translation>Возврат заявки на уточнение</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Return for clarification</source>
        <translation>Вернуть на уточнение</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>For example: please give the contract number exactly as it is printed on the first page of the contract.</source>
        <translation>Например: укажите номер договора точно так, как он напечатан на первой странице договора.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Suggested by the checks: {why}. The text below is a draft.</source>
        <translation>Подсказка проверок: {why}. Текст ниже — черновик, его можно изменить.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>What the applicant must clarify (required):</source>
        <translation>Что нужно уточнить заявителю (обязательно):</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Write what must be clarified: the applicant will read it.</source>
        <translation>Напишите, что нужно уточнить: это сообщение прочитает заявитель.</translation>
    </message>
</context>
<context>
    <name>ReviewSlaDialog</name>
    <message>
        <location filename="../../views/review_sla_dialog.py" line="+25"/>
        <source>Review deadline</source>
        <translation>Срок рассмотрения заявок</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A registration request waiting longer than this many working days (by the Russian production calendar, holidays and transferred days off included) is overdue: every desk&apos;s queue highlights it. Other desks take a change when their queue is next shown or refreshed.</source>
        <translation>Заявка на регистрацию, которая ждёт решения дольше этого числа рабочих дней (по производственному календарю России, с учётом праздников и переносов выходных), просрочена: очередь на каждом рабочем месте выделяет её. Другие рабочие места учтут изменение, когда очередь будет открыта или обновлена.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A registration request waiting longer than this many working days (by the Russian production calendar) is overdue: the queue highlights it. The deadline is the same for every desk; only an administrator can change it.</source>
        <translation>Заявка на регистрацию, которая ждёт решения дольше этого числа рабочих дней (по производственному календарю России), просрочена: очередь выделяет её. Срок один для всех рабочих мест; изменить его может только администратор.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source> working days</source>
        <translation> раб. дн.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Decision within:</source>
        <translation>&amp;Решение в течение:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not set yet: the default of {days} working days applies.</source>
        <translation>Ещё не задан: действует срок по умолчанию — {days} раб. дн.</translation>
    </message>
</context>
<context>
    <name>RichTextEditor</name>
    <message>
        <location filename="../../views/news/rich_editor.py" line="+147"/>
        <source>The text of the news item or article…</source>
        <translation>Текст новости или статьи…</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>Paragraph</source>
        <translation>Абзац</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Heading 2</source>
        <translation>Заголовок 2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Heading 3</source>
        <translation>Заголовок 3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Paragraph or heading (Ctrl+Alt+0, Ctrl+Alt+2, Ctrl+Alt+3)</source>
        <translation>Абзац или заголовок (Ctrl+Alt+0, Ctrl+Alt+2, Ctrl+Alt+3)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>B</source>
        <translation>Ж</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bold</source>
        <translation>Полужирный</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>I</source>
        <translation>К</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Italic</source>
        <translation>Курсив</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+1"/>
        <source>Bulleted list</source>
        <translation>Маркированный список</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+1"/>
        <source>Numbered list</source>
        <translation>Нумерованный список</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+1"/>
        <source>Quote</source>
        <translation>Цитата</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Link…</source>
        <translation>Ссылка…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Insert or edit a link</source>
        <translation>Вставить или изменить ссылку</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Remove link</source>
        <translation>Убрать ссылку</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the link, keep its text</source>
        <translation>Убрать ссылку, оставив текст</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Table…</source>
        <translation>Таблица…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Insert a table</source>
        <translation>Вставить таблицу</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Add row</source>
        <translation>Добавить строку</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a row below</source>
        <translation>Добавить строку ниже</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Delete row</source>
        <translation>Удалить строку</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete this row</source>
        <translation>Удалить эту строку</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Add column</source>
        <translation>Добавить столбец</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a column to the right</source>
        <translation>Добавить столбец справа</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Delete column</source>
        <translation>Удалить столбец</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete this column</source>
        <translation>Удалить этот столбец</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Clear formatting</source>
        <translation>Очистить оформление</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear formatting: bold, italic, links, headings and quotes</source>
        <translation>Очистить оформление: полужирный, курсив, ссылки, заголовки и цитаты</translation>
    </message>
</context>
<context>
    <name>ScheduleDialog</name>
    <message>
        <location filename="../../views/surveys/schedule_dialog.py" line="+64"/>
        <source>Open the survey</source>
        <translation>Открыть опрос</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close the survey</source>
        <translation>Закрыть опрос</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reopen the survey</source>
        <translation>Открыть опрос снова</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Customers see the survey on the portal and may answer it from the moment set below until it closes. Times are Moscow time.</source>
        <translation>Клиенты увидят опрос на портале и смогут отвечать на него с указанного ниже момента до закрытия. Время московское.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Customers can no longer answer once the survey closes; the answers given stay and the results can be read. Times are Moscow time.</source>
        <translation>После закрытия клиенты больше не смогут отвечать; данные ответы сохранятся, результаты можно будет смотреть. Время московское.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Customers may answer the survey again; who has answered already cannot answer twice. Times are Moscow time.</source>
        <translation>Клиенты снова смогут отвечать на опрос; кто уже ответил, повторно ответить не сможет. Время московское.</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>&amp;Close at:</source>
        <translation>&amp;Закрыть:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Close &amp;now</source>
        <translation>Закрыть &amp;сейчас</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close &amp;at:</source>
        <translation>Закрыть &amp;в:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open &amp;now</source>
        <translation>Открыть &amp;сейчас</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open &amp;at:</source>
        <translation>Открыть &amp;в:</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>The moment chosen has passed: choose «now» or a later one.</source>
        <translation>Выбранный момент уже прошёл: выберите «сейчас» или более позднее время.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The survey must close after it opens.</source>
        <translation>Опрос должен закрываться позже, чем открывается.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Close now</source>
        <translation>&amp;Закрыть сейчас</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Set closing</source>
        <translation>&amp;Назначить закрытие</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Reopen</source>
        <translation>&amp;Открыть снова</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Open now</source>
        <translation>&amp;Открыть сейчас</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Schedule</source>
        <translation>&amp;Запланировать</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Nothing was changed because of an unexpected error.</source>
        <translation>Из-за непредвиденной ошибки ничего не изменено.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing was changed.</source>
        <translation>Ничего не изменено.</translation>
    </message>
</context>
<context>
    <name>SectionFrame</name>
    <message>
        <location filename="../../views/sections.py" line="+228"/>
        <source>This section is being developed.</source>
        <translation>Раздел в разработке.</translation>
    </message>
</context>
<context>
    <name>Sections</name>
    <message>
        <location line="-161"/>
        <source>Registration queue</source>
        <translation>Очередь регистраций</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requests of customers who registered on the portal. Claim a request, see what the applicant entered and the automatic checks of the TIN, KPP and contract numbers, then approve access to all or some contracts, reject it with a reason or return it for clarification. The applicant is e-mailed the outcome.</source>
        <translation>Заявки клиентов, зарегистрировавшихся на портале. Возьмите заявку в работу, посмотрите, что ввёл заявитель, и результаты автоматической проверки ИНН, КПП и номеров договоров, затем предоставьте доступ ко всем или к части договоров, отклоните заявку с указанием причины или верните её на уточнение. Заявитель получит письмо с результатом.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Queue overview</source>
        <translation>Обзор очереди</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The registration queue at a glance, for the head of the verification group: waiting requests by age against the deadline, decisions per day and per verifier, the time to a decision, repeated returns, the most common rejection reasons and finding codes. Read-only; exported to Excel.</source>
        <translation>Очередь регистраций одним взглядом — для руководителя группы проверки: ожидающие заявки по возрасту относительно срока рассмотрения, решения по дням и по проверяющим, срок до решения, повторные возвраты на уточнение, частые причины отказа и замечания проверок. Только просмотр; выгрузка в Excel.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Counterparties and contracts</source>
        <translation>Контрагенты и договоры</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The supplier&apos;s registry: counterparties, energy supply contracts, consumption objects, metering points and meters, readings, charges, payments and invoices — exactly as the customer sees them on the portal.</source>
        <translation>Реестр поставщика: контрагенты, договоры энергоснабжения, объекты потребления, точки поставки и приборы учёта, показания, начисления, оплаты и счета — так, как их видит клиент на портале.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Portal users</source>
        <translation>Пользователи портала</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accounts of the customer portal: status, confirmed e-mail, access to contracts, the requests and letters behind them. Administrators block or unblock a user, grant or revoke access to a contract, and anonymise personal data kept past their term; verifiers read. Phones and e-mails are masked; revealing them is recorded in the audit log.</source>
        <translation>Учётные записи портала: состояние, подтверждение e-mail, доступ к договорам, заявки и письма, на которых он основан. Администраторы блокируют и разблокируют пользователей, предоставляют и отзывают доступ к договорам, обезличивают персональные данные с истёкшим сроком хранения; проверяющие — смотрят. Телефоны и e-mail скрыты; их раскрытие записывается в журнал аудита.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>News</source>
        <translation>Новости</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>News and reference articles of the portal: write a draft, preview it, publish it now or at a set time, pin it, archive it. Every saved version is kept: compare two, restore one.</source>
        <translation>Новости и справочные статьи портала: напишите черновик, посмотрите, как он будет выглядеть, опубликуйте сейчас или в заданное время, закрепите, перенесите в архив. Каждая сохранённая версия хранится: две можно сравнить, любую — восстановить.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Surveys</source>
        <translation>Опросы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Surveys of portal customers: build one from questions with one or several choices, free text and ratings, open and close it now or at a set time, and read the results with charts — split by the kind of customer who answered — on screen, in Excel and in PDF.</source>
        <translation>Опросы клиентов портала: соберите опрос из вопросов с одним или несколькими вариантами, свободным ответом и оценкой, откройте и закройте его сейчас или в назначенное время и смотрите результаты с диаграммами — с разбивкой по типам клиентов — на экране, в Excel и в PDF.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Reports</source>
        <translation>Отчёты</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The reports a customer gets from the portal — consumption report, settlement statement, tariff components certificate — previewed, saved as PDF and printed exactly as the customer sees them.</source>
        <translation>Отчёты, которые клиент получает на портале, — отчёт о потреблении, акт сверки расчётов, справка о составляющих тарифа: просмотр, сохранение в PDF и печать в точности в том виде, в каком их видит клиент.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Audit log</source>
        <translation>Журнал аудита</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who did what and when: every decision on a request, every access change, publication and revealed personal data. The log is append-only: nobody can edit or delete its entries.</source>
        <translation>Кто, что и когда сделал: каждое решение по заявке, каждое изменение доступа, публикация и просмотр персональных данных. Журнал только пополняется: изменить или удалить его записи не может никто.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Outgoing mail</source>
        <translation>Исходящая почта</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Letters to customers waiting to be sent, sent and failed: the recipient, the subject, the number of attempts and the last error; resend a failed letter.</source>
        <translation>Письма клиентам: ожидающие отправки, отправленные и неотправленные — получатель, тема, число попыток и последняя ошибка; повторная отправка письма.</translation>
    </message>
</context>
<context>
    <name>SharedSettingDialog</name>
    <message>
        <location filename="../../views/shared_setting_dialog.py" line="+99"/>
        <source>Reading…</source>
        <translation>Читаем…</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Last changed {when} by {who}.</source>
        <translation>Последнее изменение: {when}, {who}.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The setting could not be read.</source>
        <translation>Настройку прочитать не удалось.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Saving…</source>
        <translation>Сохранение…</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Not saved.</source>
        <translation>Не сохранено.</translation>
    </message>
</context>
<context>
    <name>SupplierDialog</name>
    <message>
        <location filename="../../views/reports/supplier_dialog.py" line="+43"/>
        <source>Supplier requisites</source>
        <translation>Реквизиты поставщика</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Name:</source>
        <translation>&amp;Наименование:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;TIN:</source>
        <translation>&amp;ИНН:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;KPP:</source>
        <translation>&amp;КПП:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Address:</source>
        <translation>&amp;Адрес:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Phone:</source>
        <translation>&amp;Телефон:</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Printed at the top of every report, on every desk and by &apos;lkk-admin report&apos;.</source>
        <translation>Печатаются в шапке каждого отчёта — на всех рабочих местах и в «lkk-admin report».</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Printed at the top of every report, on every desk. Only an administrator can change them.</source>
        <translation>Печатаются в шапке каждого отчёта на всех рабочих местах. Только администратор может их изменить.</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Not set yet: reports print these placeholders.</source>
        <translation>Реквизиты ещё не заданы: в отчётах печатаются эти заглушки.</translation>
    </message>
</context>
<context>
    <name>SurveyBuilder</name>
    <message>
        <location filename="../../views/surveys/builder.py" line="+112"/>
        <source>&amp;Questions</source>
        <translation>&amp;Вопросы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pre&amp;view</source>
        <translation>Предпрос&amp;мотр</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>What customers are asked about</source>
        <translation>О чём спрашиваем клиентов</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Why the survey is held and how long it takes (optional)</source>
        <translation>Зачем проводится опрос и сколько времени он займёт (необязательно)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&amp;Description:</source>
        <translation>О&amp;писание:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>T&amp;itle:</source>
        <translation>&amp;Название:</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>&amp;Single choice</source>
        <translation>&amp;Один вариант</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Multiple choice</source>
        <translation>&amp;Несколько вариантов</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Free text</source>
        <translation>&amp;Свободный ответ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Rating</source>
        <translation>О&amp;ценка</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Add question</source>
        <translation>&amp;Добавить вопрос</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add a question after the current one (Insert in the list)</source>
        <translation>Добавить вопрос после текущего (Insert в списке)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Up</source>
        <translation>Выше</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move the question up (Ctrl+Up in the list)</source>
        <translation>Поднять вопрос (Ctrl+↑ в списке)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Down</source>
        <translation>Ниже</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move the question down (Ctrl+Down in the list)</source>
        <translation>Опустить вопрос (Ctrl+↓ в списке)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete the question (Delete in the list; Ctrl+Z there brings it back)</source>
        <translation>Удалить вопрос (Delete в списке; Ctrl+Z там же вернёт его)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>No questions yet.
Add the first with «Add question» or the Insert key in the list.</source>
        <translation>Вопросов пока нет.
Добавьте первый кнопкой «Добавить вопрос» или клавишей Insert в списке.</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>The survey has responses: only the texts can be corrected; questions and options can no longer be added, removed, reordered or changed.</source>
        <translation>На опрос уже ответили: можно только исправить тексты; вопросы и варианты больше нельзя добавлять, удалять, переставлять и менять.</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>(no text)</source>
        <translation>(без текста)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Question «{text}» deleted. Ctrl+Z in the list brings it back.</source>
        <translation>Вопрос «{text}» удалён. Ctrl+Z в списке вернёт его.</translation>
    </message>
    <message>
        <location line="+119"/>
        <source>Question &amp;list ({count})</source>
        <translation>&amp;Список вопросов ({count})</translation>
    </message>
    <message>
        <location filename="../../views/surveys/builder_fields.py" line="+67"/>
        <source>{length} of {limit}</source>
        <translation>{length} из {limit}</translation>
    </message>
    <message>
        <location filename="../../views/surveys/builder_options.py" line="-218"/>
        <source>Option {number}</source>
        <translation>Вариант {number}</translation>
    </message>
    <message>
        <location filename="../../views/surveys/builder_questions.py" line="+34"/>
        <source>Single choice</source>
        <translation>Один вариант</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Multiple choice</source>
        <translation>Несколько вариантов</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Free text</source>
        <translation>Свободный ответ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rating</source>
        <translation>Оценка</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>0–10 (NPS)</source>
        <translation>0–10 (NPS)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>(no text yet)</source>
        <translation>(текста пока нет)</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>options: {count}</source>
        <translation>вариантов: {count}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>optional</source>
        <translation>необязательный</translation>
    </message>
</context>
<context>
    <name>SurveyEditorWindow</name>
    <message>
        <location filename="../../views/surveys/editor_window.py" line="+97"/>
        <source>Open &amp;their version</source>
        <translation>Открыть их в&amp;ерсию</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open the version saved meanwhile in a window beside this one; saving this window afterwards replaces it with yours</source>
        <translation>Открыть сохранённую тем временем версию в соседнем окне; сохранение этого окна после этого заменит её вашей</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Save</source>
        <translation>Со&amp;хранить</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save the survey (Ctrl+S); customers see it only once it is opened</source>
        <translation>Сохранить опрос (Ctrl+S); клиенты увидят его только после открытия</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Open to customers…</source>
        <translation>&amp;Открыть для клиентов…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save, check the survey, then open it now or from a set moment</source>
        <translation>Сохранить, проверить опрос и открыть его сейчас или с назначенного момента</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Customers have answered this survey ({n}): its questions and options keep their meaning, so they cannot be added, removed, moved or change kind. You may correct a text; the correction is recorded in the audit log. To ask something else, duplicate the survey.</source>
        <translation>На этот опрос уже ответили клиенты ({n}): смысл вопросов и вариантов должен сохраниться, поэтому их нельзя добавлять, удалять, переставлять и менять их тип. Исправить текст можно — исправление записывается в журнал аудита. Чтобы спросить о другом, сделайте копию опроса.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>New survey</source>
        <translation>Новый опрос</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Saving…</source>
        <translation>Сохранение…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Saved at {when}.</source>
        <translation>Сохранено {when}.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Not saved because of an unexpected error. Everything you typed is still here: try again.</source>
        <translation>Не сохранено из-за непредвиденной ошибки. Всё, что вы ввели, осталось здесь: попробуйте ещё раз.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not saved. Everything you typed is still here.</source>
        <translation>Не сохранено. Всё, что вы ввели, осталось здесь.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Saved by {who} at {when}. Read-only.</source>
        <translation>Сохранил(а) {who} {when}. Только чтение.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Their version is open beside this window. Saving now replaces it with yours; copy what you need from theirs first.</source>
        <translation>Их версия открыта в соседнем окне. Сохранение сейчас заменит её вашей; сначала перенесите из неё то, что нужно.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The survey has unsaved changes. Save them before closing?</source>
        <translation>В опросе есть несохранённые изменения. Сохранить их перед закрытием?</translation>
    </message>
</context>
<context>
    <name>SurveyFormatting</name>
    <message>
        <location filename="../../views/surveys/formatting.py" line="+18"/>
        <source>draft</source>
        <translation>черновик</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>scheduled</source>
        <translation>запланирован</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open</source>
        <translation>открыт</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>closed</source>
        <translation>закрыт</translation>
    </message>
</context>
<context>
    <name>SurveyPage</name>
    <message>
        <location filename="../../views/surveys/survey_page.py" line="+123"/>
        <source>Opened: customers may answer from the moment set.</source>
        <translation>Опрос открыт: клиенты могут отвечать с назначенного момента.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed: or closing at the moment set.</source>
        <translation>Опрос закрыт или закроется в назначенный момент.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reopened: customers may answer again.</source>
        <translation>Опрос снова открыт: клиенты могут отвечать.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The opening is cancelled: the survey is a draft again.</source>
        <translation>Открытие отменено: опрос снова черновик.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>A new draft with the same questions.</source>
        <translation>Создан новый черновик с теми же вопросами.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Save the results</source>
        <translation>Сохранить результаты</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Книга Excel (*.xlsx)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the results report</source>
        <translation>Сохранить отчёт о результатах</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF documents (*.pdf)</source>
        <translation>Документы PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Survey results {id}</source>
        <translation>Результаты опроса {id}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Nobody has answered yet: nothing to export.</source>
        <translation>Ответов пока нет: выгружать нечего.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Writing the results… {done} of {total} responses</source>
        <translation>Записываю результаты… {done} из {total} ответов</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Saved to {path}.</source>
        <translation>Сохранено: {path}.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Writing the results…</source>
        <translation>Записываю результаты…</translation>
    </message>
</context>
<context>
    <name>SurveyPane</name>
    <message>
        <location filename="../../views/surveys/survey_pane.py" line="+43"/>
        <source>Survey</source>
        <translation>Опрос</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Results</source>
        <translation>&amp;Результаты</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>As the customer sees it</source>
        <translation>Как видит клиент</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>About</source>
        <translation>Сведения</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Choose a survey in the list to see it here.</source>
        <translation>Выберите опрос в списке, чтобы увидеть его здесь.</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n response(s)</source>
        <translation>
            <numerusform>%n ответ</numerusform>
            <numerusform>%n ответа</numerusform>
            <numerusform>%n ответов</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Status</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opens</source>
        <translation>Открывается</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Closes</source>
        <translation>Закрывается</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no end set</source>
        <translation>срок не задан</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Questions</source>
        <translation>Вопросов</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description</source>
        <translation>Описание</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Author</source>
        <translation>Автор</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created</source>
        <translation>Создан</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last change</source>
        <translation>Последнее изменение</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>not scheduled</source>
        <translation>не назначен</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>from {opens}</source>
        <translation>с {opens}</translation>
    </message>
</context>
<context>
    <name>SurveyResultsView</name>
    <message>
        <location filename="../../views/surveys/results_view.py" line="+97"/>
        <source>No split</source>
        <translation>Без разбивки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By organisation type</source>
        <translation>По типу организации</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By price category</source>
        <translation>По ценовой категории</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show every question&apos;s figures per kind of customer</source>
        <translation>Показать цифры каждого вопроса по типам клиентов</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export to Excel</source>
        <translation>Выгрузить в Excel</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>PDF report</source>
        <translation>Отчёт PDF</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Responses per day</source>
        <translation>Ответы по дням</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No responses yet</source>
        <translation>Ответов пока нет</translation>
    </message>
    <message>
        <location line="+25"/>
        <location line="+22"/>
        <source>All respondents</source>
        <translation>Все ответившие</translation>
    </message>
    <message numerus="yes">
        <location line="-12"/>
        <source>Split: {split}; %n segment(s) with respondents</source>
        <translation>
            <numerusform>Разбивка: {split}; %n группа с ответами</numerusform>
            <numerusform>Разбивка: {split}; %n группы с ответами</numerusform>
            <numerusform>Разбивка: {split}; %n групп с ответами</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+57"/>
        <source>respondent(s)</source>
        <translation>
            <numerusform>ответивший</numerusform>
            <numerusform>ответивших</numerusform>
            <numerusform>ответивших</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>active portal user(s) while it was open</source>
        <translation>
            <numerusform>активный пользователь портала за время опроса</numerusform>
            <numerusform>активных пользователя портала за время опроса</numerusform>
            <numerusform>активных пользователей портала за время опроса</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>response rate</source>
        <translation>доля ответивших</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Responses</source>
        <translation>Ответы</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>{day}: %n response(s)</source>
        <translation>
            <numerusform>{day}: %n ответ</numerusform>
            <numerusform>{day}: %n ответа</numerusform>
            <numerusform>{day}: %n ответов</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>not opened yet</source>
        <translation>ещё не открыт</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no end date</source>
        <translation>без даты окончания</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open from {opens} to {closes}</source>
        <translation>Открыт с {opens} по {closes}</translation>
    </message>
</context>
<context>
    <name>SurveySection</name>
    <message>
        <location filename="../../views/surveys/survey_section.py" line="+32"/>
        <source>All</source>
        <translation>Все</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drafts</source>
        <translation>Черновики</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scheduled</source>
        <translation>Запланированные</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open</source>
        <translation>Открытые</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed</source>
        <translation>Закрытые</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Title</source>
        <translation>Название</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The survey&apos;s title as customers see it</source>
        <translation>Название опроса, как его видят клиенты</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Status</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Draft, scheduled (opens at a later moment), open (customers answer it), closed</source>
        <translation>Черновик, запланирован (откроется позже), открыт (клиенты отвечают), закрыт</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Opens</source>
        <translation>Открывается</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When customers may start answering (Moscow time)</source>
        <translation>С какого момента клиенты могут отвечать (московское время)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Closes</source>
        <translation>Закрывается</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When answering ends (Moscow time); empty: no end set</source>
        <translation>Когда приём ответов закончится (московское время); пусто — срок не задан</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Responses</source>
        <translation>Ответов</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Customers who have answered so far</source>
        <translation>Сколько клиентов уже ответили</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Questions</source>
        <translation>Вопросов</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How many questions it asks</source>
        <translation>Сколько в опросе вопросов</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Author</source>
        <translation>Автор</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Who created it</source>
        <translation>Кто создал опрос</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Last change</source>
        <translation>Изменён</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When and by whom it was last changed</source>
        <translation>Когда и кем опрос изменён последний раз</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;New survey…</source>
        <translation>&amp;Новый опрос…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Build a new survey in its own window</source>
        <translation>Собрать новый опрос в отдельном окне</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Edit…</source>
        <translation>&amp;Изменить…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the survey in its builder window</source>
        <translation>Открыть опрос в окне конструктора</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>O&amp;pen…</source>
        <translation>&amp;Открыть…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Let customers answer it: now or from a set moment, until a set one</source>
        <translation>Начать приём ответов: сейчас или с назначенного момента, до назначенного срока</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Close…</source>
        <translation>&amp;Закрыть…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop taking answers: now or at a set moment</source>
        <translation>Закончить приём ответов: сейчас или в назначенный момент</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Reopen…</source>
        <translation>Открыть с&amp;нова…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take answers again, with or without an end</source>
        <translation>Снова принимать ответы — со сроком или без</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Back to &amp;draft</source>
        <translation>Вернуть в &amp;черновики</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel the scheduled opening; the survey becomes a draft again</source>
        <translation>Отменить запланированное открытие; опрос снова станет черновиком</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cancel the scheduled opening? The survey becomes a draft again.</source>
        <translation>Отменить запланированное открытие? Опрос снова станет черновиком.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>D&amp;uplicate</source>
        <translation>&amp;Копировать</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A new draft with the same questions</source>
        <translation>Новый черновик с теми же вопросами</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Results to E&amp;xcel…</source>
        <translation>Результаты в E&amp;xcel…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A workbook: the summary and every response, one row each</source>
        <translation>Книга Excel: сводка и все ответы, по строке на каждый</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Results report (&amp;PDF)…</source>
        <translation>Отчёт о результатах (&amp;PDF)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The results with their charts, ready to print</source>
        <translation>Результаты с диаграммами, готовые к печати</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Search in titles (Ctrl+F)</source>
        <translation>Поиск по названиям (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A word or a part of one from the title or the description</source>
        <translation>Слово или часть слова из названия или описания</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No surveys yet. Build the first one with «New survey» (Ctrl+N).</source>
        <translation>Опросов пока нет. Соберите первый командой «Новый опрос» (Ctrl+N).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing matches. Type less or choose &quot;All&quot;.</source>
        <translation>Ничего не найдено. Сократите запрос или выберите «Все».</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Surveys</source>
        <translation>&amp;Опросы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>surveys</source>
        <translation>опросы</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Surveys</source>
        <translation>Опросы</translation>
    </message>
</context>
<context>
    <name>TableDialog</name>
    <message>
        <location filename="../../views/news/rich_dialogs.py" line="+24"/>
        <source>Insert table</source>
        <translation>Вставка таблицы</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Rows (with the header):</source>
        <translation>&amp;Строк (вместе с заголовком):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Columns:</source>
        <translation>&amp;Столбцов:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The first row is the table&apos;s header.</source>
        <translation>Первая строка — заголовок таблицы.</translation>
    </message>
</context>
<context>
    <name>TextCard</name>
    <message>
        <location filename="../../views/surveys/results_cards.py" line="+24"/>
        <source>Answer</source>
        <translation>Ответ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Organisation type</source>
        <translation>Тип организации</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Submitted</source>
        <translation>Отправлен</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Search the answers</source>
        <translation>Поиск по ответам</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Nothing found</source>
        <translation>Ничего не найдено</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nobody has answered this question yet</source>
        <translation>На этот вопрос пока никто не ответил</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Showing {shown} of {total}</source>
        <translation>Показано {shown} из {total}</translation>
    </message>
</context>
<context>
    <name>TimesChart</name>
    <message>
        <location filename="../../views/overview/charts.py" line="+29"/>
        <source>Week from</source>
        <translation>Неделя с</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Median</source>
        <translation>Медиана</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>90th percentile</source>
        <translation>90-й процентиль</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Median, confirmed</source>
        <translation>Медиана от почты</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>90th, confirmed</source>
        <translation>90-й от почты</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Hours</source>
        <translation>Часы</translation>
    </message>
</context>
<context>
    <name>UnsavedClose</name>
    <message>
        <location filename="../../views/unsaved_close.py" line="+32"/>
        <source>Unsaved changes</source>
        <translation>Несохранённые изменения</translation>
    </message>
</context>
<context>
    <name>UserStatus</name>
    <message>
        <location filename="../../views/framework/formatting.py" line="+31"/>
        <source>e-mail not confirmed</source>
        <translation>e-mail не подтверждён</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>waiting for approval</source>
        <translation>ждёт проверки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>active</source>
        <translation>активен</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rejected</source>
        <translation>отклонён</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>blocked</source>
        <translation>заблокирован</translation>
    </message>
</context>
</TS>
