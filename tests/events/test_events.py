"""Event extraction on invented articles of the genre: one table row per behaviour the
guidelines fix. The article type is set by hand so that these tests exercise the extractors,
not the classifier."""

import pytest

import vn_union_nlp
from vn_union_nlp.events import extract_events
from vn_union_nlp.types import AwardEvent, CampaignEvent, ConferenceEvent

CONFERENCE = """Hội nghị tổng kết công tác công đoàn năm 2024

Cập nhật lúc 15:20 - 11/01/2025 (GMT +07:00)

Sáng 10/1, tại Hội trường Tỉnh ủy, Liên đoàn Lao động tỉnh Yên Bái tổ chức Hội nghị tổng kết công tác công đoàn năm 2024, triển khai nhiệm vụ năm 2025. Dự hội nghị có đồng chí Hoàng Văn Thái, Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Dân vận Tỉnh ủy; bà Lò Thị Hạnh, Phó Chủ tịch UBND tỉnh.

Đồng chí Nông Văn Tuấn, Chủ tịch LĐLĐ tỉnh chủ trì hội nghị.

Dịp này, LĐLĐ tỉnh tặng Bằng khen cho 12 tập thể, 25 cá nhân có thành tích xuất sắc.

Minh Châu"""

CAMPAIGN = """LĐLĐ huyện Văn Chấn phát động thi đua năm 2025

Ngày đăng: 05/03/2025

Chiều 4/3, LĐLĐ huyện Văn Chấn tổ chức lễ phát động phong trào thi đua trong công nhân, viên chức, lao động năm 2025 với chủ đề "Đoàn kết, sáng tạo, vượt khó, hoàn thành xuất sắc nhiệm vụ". Các công đoàn cơ sở tiếp tục hưởng ứng phong trào "Lao động giỏi, lao động sáng tạo" và cuộc vận động "Xanh – Sạch – Đẹp, bảo đảm an toàn vệ sinh lao động".

Hà Phương"""

AWARD = """Trao Bằng khen của Tổng LĐLĐ Việt Nam cho công nhân tiêu biểu

Thứ Năm, 25/07/2024 10:00

Chiều 24/7, LĐLĐ tỉnh Phú Thọ tổ chức lễ tuyên dương công nhân lao động tiêu biểu. Tại buổi lễ, LĐLĐ tỉnh trao Bằng khen của Tổng LĐLĐ Việt Nam cho 3 cá nhân; UBND tỉnh tặng Bằng khen cho 5 tập thể và 10 cá nhân.

Trong 5 năm qua, 48 lượt cá nhân, tập thể được Tổng LĐLĐ Việt Nam, LĐLĐ tỉnh tặng Cờ thi đua và Bằng khen.

Thu Trang"""

PLANNED = """LĐLĐ tỉnh chuẩn bị phát động thi đua

Ngày đăng: 01/02/2025

Theo kế hoạch, LĐLĐ tỉnh sẽ phát động phong trào thi đua "Đoàn kết, sáng tạo" vào tháng 3.

Lan Anh"""


@pytest.fixture(scope="module")
def ner_nlp():
    return vn_union_nlp.load(disable=["classifier", "events"])


def events_of(nlp, text, kind):
    article = nlp(text)
    article.type = kind
    return article, extract_events(article)


def test_conference_slots(ner_nlp):
    article, events = events_of(ner_nlp, CONFERENCE, "conference_report")
    (conf,) = [e for e in events if isinstance(e, ConferenceEvent)]
    assert conf.name == "Hội nghị tổng kết công tác công đoàn năm 2024"
    assert conf.date == "2025-01-10"
    assert conf.location == "Hội trường Tỉnh ủy"
    assert conf.organizer == "Liên đoàn Lao động tỉnh Yên Bái"
    people = {p.name: p.title for p in conf.participants}
    assert people["Hoàng Văn Thái"] == "Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Dân vận Tỉnh ủy"
    assert people["Lò Thị Hạnh"] == "Phó Chủ tịch UBND tỉnh"
    assert people["Nông Văn Tuấn"] == "Chủ tịch LĐLĐ tỉnh"
    assert "Minh Châu" not in people  # the byline is not a participant
    (award,) = [e for e in events if isinstance(e, AwardEvent)]
    assert (award.issuer, award.award, award.collectives, award.individuals) == (
        "LĐLĐ tỉnh",
        "bằng khen",
        12,
        25,
    )
    assert award.date == conf.date  # handed out at the meeting
    for span in conf.evidence + award.evidence:
        assert 0 <= span.start < span.end <= len(article.text)


def test_campaign_slots(ner_nlp):
    _, events = events_of(ner_nlp, CAMPAIGN, "campaign_launch")
    (camp,) = events
    assert isinstance(camp, CampaignEvent)
    assert camp.name == "Đoàn kết, sáng tạo, vượt khó, hoàn thành xuất sắc nhiệm vụ"
    assert camp.organizer == "LĐLĐ huyện Văn Chấn"
    assert camp.date == "2025-03-04"
    assert camp.movements == [
        "Lao động giỏi, lao động sáng tạo",
        "Xanh – Sạch – Đẹp, bảo đảm an toàn vệ sinh lao động",
    ]


def test_award_acts_issuers_and_joint_counts(ner_nlp):
    _, events = events_of(ner_nlp, AWARD, "award_ceremony")
    acts = {(e.issuer, e.award): (e.collectives, e.individuals, e.date) for e in events}
    assert acts[("Tổng LĐLĐ Việt Nam", "bằng khen")] == (0, 3, "2024-07-24")
    assert acts[("UBND tỉnh", "bằng khen")] == (5, 10, "2024-07-24")
    # "48 lượt cá nhân, tập thể ... Cờ thi đua và Bằng khen" cannot be split: no event
    assert len(events) == 2
    assert not any(isinstance(e, ConferenceEvent) for e in events)  # a ceremony, no conference


def test_planned_launch_is_no_event(ner_nlp):
    _, events = events_of(ner_nlp, PLANNED, "campaign_launch")
    assert events == []


def test_original_strings_for_decomposed_input(ner_nlp):
    import unicodedata

    text = unicodedata.normalize("NFD", CAMPAIGN).replace("\n", "\r\n")
    _, events = events_of(ner_nlp, text, "campaign_launch")
    (camp,) = events
    assert camp.organizer == unicodedata.normalize("NFD", "LĐLĐ huyện Văn Chấn")
    assert camp.organizer in text


def test_type_and_events_agree(nlp):
    for text in (CONFERENCE, CAMPAIGN, AWARD):
        article = nlp(text)
        kinds = {e.type for e in article.events}
        if article.type == "conference_report":
            assert "conference" in kinds
        else:
            assert "conference" not in kinds
        if article.type == "campaign_launch":
            assert "campaign" in kinds


# -- real-portal layouts ------------------------------------------------------------------
LEAD_FIRST = """Sáng ngày 10/7/2018, LĐLĐ huyện Bạch Thông tổ chức Hội nghị sơ kết công tác công đoàn 6 tháng đầu năm 2018 tại Hội trường UBND huyện. Dự hội nghị có ông Hà Văn Sơn, Phó Chủ tịch UBND huyện.

Bà Nông Thị Hoa, Chủ tịch LĐLĐ huyện Bạch Thông chủ trì hội nghị."""


def test_an_excerpt_that_starts_with_its_lead_keeps_the_lead(ner_nlp):
    article, events = events_of(ner_nlp, LEAD_FIRST, "conference_report")
    assert article.title is None
    (conference,) = [e for e in events if isinstance(e, ConferenceEvent)]
    assert conference.date == "2018-07-10"
    assert conference.organizer == "LĐLĐ huyện Bạch Thông"
    assert conference.name.startswith("Hội nghị sơ kết công tác công đoàn")


def test_a_meeting_over_two_days_is_dated_with_the_interval(ner_nlp):
    text = (
        "Đại hội Công đoàn tỉnh Nghệ An lần thứ XVIII\n\n"
        "Trong hai ngày 15 và 16 tháng 6 năm 2023, LĐLĐ tỉnh Nghệ An tổ chức Đại hội Công "
        "đoàn tỉnh lần thứ XVIII, nhiệm kỳ 2023 – 2028."
    )
    _, events = events_of(ner_nlp, text, "conference_report")
    (conference,) = [e for e in events if isinstance(e, ConferenceEvent)]
    assert conference.date == "2023-06-15/2023-06-16"


def test_a_period_inside_a_name_does_not_end_a_title_or_a_place(ner_nlp):
    text = (
        "LĐLĐ TP.HCM tổng kết năm 2023\n\n"
        "Sáng 12/3/2024, tại Nhà văn hóa Lao động TP.HCM, LĐLĐ TP.HCM tổ chức Hội nghị tổng "
        "kết công tác công đoàn năm 2023. Dự hội nghị có ông Nguyễn Văn Bình, Chủ tịch LĐLĐ "
        "TP.HCM."
    )
    _, events = events_of(ner_nlp, text, "conference_report")
    (conference,) = [e for e in events if isinstance(e, ConferenceEvent)]
    assert conference.location == "Nhà văn hóa Lao động TP.HCM"
    assert {p.name: p.title for p in conference.participants}["Nguyễn Văn Bình"] == (
        "Chủ tịch LĐLĐ TP.HCM"
    )
