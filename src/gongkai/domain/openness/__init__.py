"""Meetings (会议公开) and offline channels (公示栏, 广播 …): the pure rules of issue 14 parts 3
and 4 (:mod:`.meetings`, :mod:`.offline`, :mod:`.images`)."""
