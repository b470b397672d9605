"""A length of time in words for people, as purebp's messages give it.

Its own small module: the command line's progress line says how long is
left with it, and ``purebp.budget``'s refusals say how long work would
take, on a board too, where the pictures of ``purebp.chart`` are not
installed.
"""


def duration(seconds):
    """A length of time for people: '0.5 s', '3 min 05 s', '2 h 10 min', '4.5 days'.

    >>> duration(1.5e-6), duration(0.004), duration(0.14), duration(2.6), duration(42)
    ('0.0015 ms', '0.004 s', '0.14 s', '2.6 s', '42 s')
    >>> duration(185)
    '3 min 05 s'
    >>> duration(7800), duration(4e5)
    ('2 h 10 min', '4.6 days')
    """
    if seconds < 0.001:
        return "%.2g ms" % (seconds * 1000)       # 0.0015 ms, not 1.5e-06 s
    if seconds < 9.5:
        return "%.2g s" % seconds
    if seconds < 60:
        return "%.0f s" % seconds
    if seconds < 3600:
        return "%d min %02d s" % (seconds // 60, seconds % 60)
    if seconds < 86400:
        return "%d h %02d min" % (seconds // 3600, seconds % 3600 // 60)
    days = seconds / 86400
    if days < 365:
        return "%.2g days" % days
    return "%.2g years" % (days / 365.25)
