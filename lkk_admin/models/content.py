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
    text,
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
    # Who changed it last (a save, a publication, a pin): the list's "last change".
    updated_by: Mapped[str | None] = mapped_column(String(63))
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    revisions: Mapped[list["NewsRevision"]] = relationship(
        back_populates="news_item", order_by="NewsRevision.version"
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class NewsRevision(Base):
    """A saved text of a news item, kept for good: what it said at that version."""

    __tablename__ = "news_revision"
    __table_args__ = (
        UniqueConstraint("news_item_id", "version", name="uq_news_revision_item_version"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    news_item_id: Mapped[int] = mapped_column(ForeignKey("news_item.id"), index=True)
    # The item's version this text was saved as.
    version: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(10))
    title: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str] = mapped_column(Text, default="")
    body_html: Mapped[str] = mapped_column(Text, default="")
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)
    saved_by: Mapped[str] = mapped_column(String(63))
    saved_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    # A restored text names the version it was restored from.
    restored_from: Mapped[int | None] = mapped_column(Integer)

    news_item: Mapped[NewsItem] = relationship(back_populates="revisions")


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
    updated_by: Mapped[str | None] = mapped_column(String(63))
    updated_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    questions: Mapped[list["SurveyQuestion"]] = relationship(
        back_populates="survey", order_by="SurveyQuestion.position"
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class SurveyQuestion(Base):
    __tablename__ = "survey_question"
    __table_args__ = (
        CheckConstraint(_one_of("kind", QUESTION_KINDS), name="kind"),
        CheckConstraint(
            "(kind = 'rating' AND rating_scale IN (5, 10)) "
            "OR (kind <> 'rating' AND rating_scale IS NULL)",
            name="rating_scale",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id"), index=True)
    position: Mapped[int] = mapped_column(SmallInteger)
    kind: Mapped[str] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(Text)
    required: Mapped[bool] = mapped_column(Boolean, default=True)
    # The top of a rating's scale: 5 for 1…5, 10 for 0…10 (NPS); None for other kinds.
    rating_scale: Mapped[int | None] = mapped_column(SmallInteger)

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
    __table_args__ = (
        UniqueConstraint("survey_id", "portal_user_id"),
        # Responses per day, and a survey's respondents (migration 0015).
        Index("ix_survey_response_survey_submitted", "survey_id", "submitted_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id"))
    portal_user_id: Mapped[int] = mapped_column(ForeignKey("portal_user.id"), index=True)
    submitted_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class SurveyAnswer(Base):
    __tablename__ = "survey_answer"
    __table_args__ = (
        # The results' aggregates read these indexes alone (migration 0015): the choices
        # by option and by response, the ratings by value.
        Index(
            "ix_survey_answer_choices",
            "survey_question_id",
            "survey_option_id",
            "survey_response_id",
            postgresql_where=text("survey_option_id IS NOT NULL"),
            sqlite_where=text("survey_option_id IS NOT NULL"),
        ),
        Index(
            "ix_survey_answer_choice_response",
            "survey_question_id",
            "survey_response_id",
            postgresql_where=text("survey_option_id IS NOT NULL"),
            sqlite_where=text("survey_option_id IS NOT NULL"),
        ),
        Index(
            "ix_survey_answer_ratings",
            "survey_question_id",
            "rating",
            "survey_response_id",
            postgresql_where=text("rating IS NOT NULL"),
            sqlite_where=text("rating IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_response_id: Mapped[int] = mapped_column(ForeignKey("survey_response.id"), index=True)
    survey_question_id: Mapped[int] = mapped_column(ForeignKey("survey_question.id"), index=True)
    survey_option_id: Mapped[int | None] = mapped_column(ForeignKey("survey_option.id"))
    text_value: Mapped[str | None] = mapped_column(Text)
    rating: Mapped[int | None] = mapped_column(SmallInteger)
