"""Per language: the message catalogue (LC_MESSAGES) and the date and number formats (formats.py).

settings.FORMAT_MODULE_PATH points here, as Django's own django/conf/locale does. Every
language shows dates d/m/Y, so a date reads the same in a Vietnamese, Lao or English page
and never needs month names (Django has none in Lao).
"""
