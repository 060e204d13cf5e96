"""Shared assertions for the exercise tests of chapters 1, 7, 8, 12 and 16."""


def assert_mistakes_recognised(ex):
    """Every diagnosed mistake, typed as the learner would (display units), gets its diagnosis."""
    assert ex.mistakes, "an exercise without diagnosed mistakes"
    for m in ex.mistakes:
        fb = ex.check(f"{ex.shown(m.value):.4f}")
        # two mistakes that give the same figure (within the tolerance) cannot be told apart:
        # either diagnosis is right then
        same = [o.diagnosis for o in ex.mistakes if ex._close(ex.shown(m.value), o.value)]
        assert fb.kind == "mistake" and any(d in fb.message for d in same), m.diagnosis
