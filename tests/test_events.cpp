// Unit tests of twin/events.h: state and result names, active states, ISO 8601 times.
#include "test_plants.h"
#include "twin/error.h"
#include "twin/events.h"

#include <QtTest>

#include <limits>

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
        QCOMPARE(formatIsoTime(0), std::string("1970-01-01T00:00:00.000Z"));
        QCOMPARE(formatIsoTime(-1), std::string("1969-12-31T23:59:59.999Z"));
        QCOMPARE(formatIsoTime(253402300799999), std::string("9999-12-31T23:59:59.999Z"));
    }

    // Issue 14 item 5: the largest time printed as year -6911.
    void extremeTimesPrintTheirYear()
    {
        QCOMPARE(formatIsoTime(std::numeric_limits<TimeMs>::max()),
                 std::string("+292278994-08-17T07:12:55.807Z"));
        QCOMPARE(formatIsoTime(std::numeric_limits<TimeMs>::min()),
                 std::string("-292275055-05-16T16:47:04.192Z"));
        QCOMPARE(formatIsoTime(253402300800000), std::string("+10000-01-01T00:00:00.000Z"));
    }

    // One parser for command-line times (kpi, render, video, the GUI's --at): offsets and ISO
    // 8601 read the same everywhere, and a time outside the recording is refused the same way.
    void timeArguments()
    {
        const auto offset = parseTimeArgument("02:15:00.5");
        QVERIFY(offset && !offset->absolute);
        QCOMPARE(offset->resolve(1000), TimeMs(1000 + 8'100'500));
        const auto iso = parseTimeArgument("2026-01-05T08:00:00Z");
        QVERIFY(iso && iso->absolute);
        QCOMPARE(iso->resolve(5), TimeMs(1767600000000));
        for (const char* bad : {"", "garbage", "noon", "1:60:00", "-1:00:00", "1:00:60", "nan",
                                "1:00:00x", "99999999999:00:00"})
            QVERIFY2(!parseTimeArgument(bad), bad);
        QVERIFY(timeArgumentProblem("noon").find("02:15:00") != std::string::npos);

        const TimeMs start = 1767592800000, end = start + 8 * 3'600'000;
        QCOMPARE(timeInRecording(*parseTimeArgument("08:00:00"), "--at", start, end), end);
        QCOMPARE(timeInRecording(*parseTimeArgument("00:00:00"), "--at", start, end), start);
        try {
            timeInRecording(*parseTimeArgument("99:00:00"), "--at", start, end);
            QFAIL("a time after the recording was taken");
        } catch (const ArgumentError& e) {
            QCOMPARE(std::string(e.what()),
                     std::string("--at 99:00:00 lies outside the recording "
                                 "(2026-01-05T06:00:00.000Z to 2026-01-05T14:00:00.000Z)"));
        }
        QVERIFY_THROWS_EXCEPTION(
            ArgumentError,
            timeInRecording(*parseTimeArgument("2026-01-05T05:59:59Z"), "--from", start, end));
    }
};

QTEST_APPLESS_MAIN(TestEvents)
#include "test_events.moc"
