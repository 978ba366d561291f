"""The journal's header survives a config table with TOML dates, and reads back into the same ignores."""
import datetime as dt
import tomllib

from auditor import ignores, journal

CONFIG = """
[[ignore]]
rule = "link-text-generic"
reason = "Rewritten in ticket WEB-42"
until = 2999-12-31
"""


def test_header_with_toml_dates_reads_back_into_the_same_ignores(tmp_path):
    table = tomllib.loads(CONFIG)
    log = journal.Journal.start(tmp_path, {"config": table, "targets": []})
    log.close(finished=False)
    header, done = journal.read(tmp_path)
    assert done == {}
    assert header["config"]["ignore"][0]["until"] == "2999-12-31"
    again = ignores.parse(header["config"]["ignore"])
    assert again == ignores.parse(table["ignore"])
    assert again[0].until == dt.date(2999, 12, 31)
