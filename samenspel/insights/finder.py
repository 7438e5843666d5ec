"""The topic finder (topics.py), built alongside this app: optional until it is there."""


def topic_finder():
    """find_topics and TopicText from topics.py, or None while that module is not there yet."""
    try:
        from .topics import TopicText, find_topics
    except ImportError:
        return None
    return find_topics, TopicText
