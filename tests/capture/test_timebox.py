"""The timebox timer: start, pause, two more minutes, and colour as time runs out."""

from facilitator.capture.timebox import Phase, Timebox, format_clock


def test_running_pausing_and_adding_time():
    box = Timebox(600).start(now=100)
    assert box.remaining(now=160) == 540
    box = box.pause(now=160)
    assert box.remaining(now=1000) == 540  # paused: time stands still
    box = box.add().start(now=1000)
    assert box.remaining(now=1010) == 650


def test_colour_phases_at_twenty_and_five_percent():
    box = Timebox(1000).start(now=0)
    assert box.phase(now=799) == Phase.CALM
    assert box.phase(now=800) == Phase.WARNING
    assert box.phase(now=950) == Phase.URGENT
    assert box.phase(now=1000) == Phase.OVER


def test_the_clock_reads_like_a_kitchen_timer():
    assert format_clock(900) == "15:00"
    assert format_clock(0.2) == "0:01"
    assert format_clock(-40) == "-0:40"


def test_running_out_is_noticed_once_at_the_moment_it_happens():
    box = Timebox(60.0).start(100.0)
    assert not box.ran_out(100.0, 159.0)  # still a second to go
    assert box.ran_out(159.0, 160.25)  # 0:00 passed during this tick
    assert not box.ran_out(160.25, 161.0)  # already over: not again
    assert box.ran_out(159.0, 160.0)  # a tick landing on 0:00 exactly...
    assert not box.ran_out(160.0, 160.25)  # ...is the moment; the next tick is not
    assert box.add().ran_out(160.25, 161.0) is False  # two more minutes: not over at all
    assert not Timebox(0.0).start(0.0).ran_out(0.0, 5.0)  # no timebox, nothing runs out
    paused = box.pause(130.0)
    assert not paused.ran_out(130.0, 500.0)  # a paused timer never runs out
