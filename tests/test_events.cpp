// Unit tests of twin/events.h: state and result names, active states, ISO 8601 times.
#include "test_plants.h"
#include "twin/events.h"

#include <QtTest>

using namespace takt::twin;

class TestEvents : public QObject {
    Q_OBJECT
private slots:
    void stateNamesRoundTrip()
    {
        for (int i = 0; i < kStationStateCount; ++i) {
            const auto s = static_cast<StationState>(i);
            QCOMPARE(stationStateFromString(toString(s)), std::optional<StationState>(s));
        }
        QVERIFY(!stationStateFromString("running").has_value());
    }

    void activeStates_data()
    {
        QTest::addColumn<QString>("state");
        QTest::addColumn<bool>("active");
        QTest::newRow("working") << "working" << true;
        QTest::newRow("down") << "down" << true;
        QTest::newRow("setup") << "setup" << true;
        QTest::newRow("starved") << "starved" << false;
        QTest::newRow("blocked") << "blocked" << false;
        QTest::newRow("idle") << "idle" << false;
        QTest::newRow("unknown") << "unknown" << false;
    }
    void activeStates()
    {
        QFETCH(QString, state);
        QFETCH(bool, active);
        QCOMPARE(isActive(*stationStateFromString(state.toStdString())), active);
    }

    void qualityResultNames()
    {
        QCOMPARE(qualityResultFromString("rework"), std::optional(QualityResult::Rework));
        QCOMPARE(toString(QualityResult::Fail), std::string_view("fail"));
        QVERIFY(!qualityResultFromString("ok").has_value());
    }

    void factoriesFillTheirFields()
    {
        const auto e = Event::quality(5, 2, 77, 9, QualityResult::Fail, "GAP");
        TAKT_COMPARE_ENUM(e.kind, EventKind::Quality);
        QCOMPARE(e.channel, 2);
        QCOMPARE(e.part, std::int64_t(77));
        QCOMPARE(e.config, std::int64_t(9));
        TAKT_COMPARE_ENUM(e.result(), QualityResult::Fail);
        QCOMPARE(e.text, std::string("GAP"));
        TAKT_COMPARE_ENUM(Event::partLeave(1, 3, 4, 5).kind, EventKind::PartLeave);
        TAKT_COMPARE_ENUM(Event::stateChange(1, 0, StationState::Down, "jam").state(),
                          StationState::Down);
    }

    void isoTimes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qlonglong>("ms"); // -1: must be rejected
        QTest::newRow("zulu") << "2026-01-05T06:00:00Z" << 1767592800000LL;
        QTest::newRow("millis") << "2026-01-05T06:00:00.250Z" << 1767592800250LL;
        QTest::newRow("no zone is UTC") << "2026-01-05T06:00:00" << 1767592800000LL;
        QTest::newRow("offset") << "2026-01-05T07:00:00+01:00" << 1767592800000LL;
        QTest::newRow("space") << "2026-01-05 06:00:00Z" << 1767592800000LL;
        QTest::newRow("bad month") << "2026-13-05T06:00:00Z" << -1LL;
        QTest::newRow("offset only") << "02:15:00" << -1LL;
        QTest::newRow("trailing") << "2026-01-05T06:00:00Zx" << -1LL;
    }
    void isoTimes()
    {
        QFETCH(QString, text);
        QFETCH(qlonglong, ms);
        const auto t = parseIsoTime(text.toStdString());
        if (ms < 0) {
            QVERIFY(!t.has_value());
        } else {
            QVERIFY(t.has_value());
            QCOMPARE(*t, TimeMs(ms));
        }
    }

    void formatIsInverseOfParse()
    {
        const TimeMs t = 1767592800000 + 3723456;
        QCOMPARE(formatIsoTime(t), std::string("2026-01-05T07:02:03.456Z"));
        QCOMPARE(parseIsoTime(formatIsoTime(t)), std::optional<TimeMs>(t));
    }
};

QTEST_APPLESS_MAIN(TestEvents)
#include "test_events.moc"
