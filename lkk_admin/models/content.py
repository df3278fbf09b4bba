"""News, reference articles and surveys shown in the portal."""

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lkk_admin.models.base import Base, UtcDateTime, utcnow
from lkk_admin.models.registry import _one_of

NEWS_KINDS = ("news", "article")
NEWS_STATUSES = ("draft", "published", "archived")
SURVEY_STATUSES = ("draft", "open", "closed")
QUESTION_KINDS = ("single", "multiple", "text", "rating")


class NewsItem(Base):
    __tablename__ = "news_item"
    __table_args__ = (
        CheckConstraint(_one_of("kind", NEWS_KINDS), name="kind"),
        CheckConstraint(_one_of("status", NEWS_STATUSES), name="status"),
        Index("ix_news_item_status_publish", "status", "publish_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10), default="news")
    title: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str] = mapped_column(Text, default="")
    # Sanitised before it is stored: the portal renders it as is.
    body_html: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default="draft")
    publish_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    unpublish_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)
    author: Mapped[str] = mapped_column(String(63))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class Survey(Base):
    __tablename__ = "survey"
    __table_args__ = (CheckConstraint(_one_of("status", SURVEY_STATUSES), name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default="draft")
    opens_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    closes_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    author: Mapped[str] = mapped_column(String(63))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    questions: Mapped[list["SurveyQuestion"]] = relationship(
        back_populates="survey", order_by="SurveyQuestion.position"
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class SurveyQuestion(Base):
    __tablename__ = "survey_question"
    __table_args__ = (CheckConstraint(_one_of("kind", QUESTION_KINDS), name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id"), index=True)
    position: Mapped[int] = mapped_column(SmallInteger)
    kind: Mapped[str] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(Text)
    required: Mapped[bool] = mapped_column(Boolean, default=True)

    survey: Mapped[Survey] = relationship(back_populates="questions")
    options: Mapped[list["SurveyOption"]] = relationship(
        back_populates="question", order_by="SurveyOption.position"
    )


class SurveyOption(Base):
    __tablename__ = "survey_option"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_question_id: Mapped[int] = mapped_column(ForeignKey("survey_question.id"), index=True)
    position: Mapped[int] = mapped_column(SmallInteger)
    text: Mapped[str] = mapped_column(String(500))

    question: Mapped[SurveyQuestion] = relationship(back_populates="options")


class SurveyResponse(Base):
    __tablename__ = "survey_response"
    __table_args__ = (UniqueConstraint("survey_id", "portal_user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id"))
    portal_user_id: Mapped[int] = mapped_column(ForeignKey("portal_user.id"), index=True)
    submitted_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class SurveyAnswer(Base):
    __tablename__ = "survey_answer"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_response_id: Mapped[int] = mapped_column(ForeignKey("survey_response.id"), index=True)
    survey_question_id: Mapped[int] = mapped_column(ForeignKey("survey_question.id"), index=True)
    survey_option_id: Mapped[int | None] = mapped_column(ForeignKey("survey_option.id"))
    text_value: Mapped[str | None] = mapped_column(Text)
    rating: Mapped[int | None] = mapped_column(SmallInteger)
