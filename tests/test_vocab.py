"""The shared vocabulary tables: place levels."""
import re

import pytest

from extractors.vocab import level_pattern, place_levels


def test_longest_first():   # an alternation must try "thị xã" before "xã"
    words = place_levels()
    assert words.index("thị xã") < words.index("xã") and words.index("thành phố") < words.index("tỉnh")


@pytest.mark.parametrize("tiers, text, found", [
    ((), "thị xã Sơn Tây", "thị xã"),
    ((), "thị  trấn Phong Điền", "thị  trấn"),
    ((), "đặc khu Phú Quốc", "đặc khu"),
    (("province",), "thành phố Hà Nội", "thành phố"),
    (("province",), "huyện Thống Nhất", None),
    (("commune",), "phường Bến Nghé", "phường"),
    (("district", "commune"), "tỉnh Nghệ An", None),
])
def test_level_pattern(tiers, text, found):
    m = re.match(level_pattern(*tiers), text)
    assert (m.group(0) if m else None) == found


def test_level_pattern_capital_and_space():
    assert re.fullmatch(level_pattern(capital=True, space=" "), "Thị xã")
    assert not re.fullmatch(level_pattern(capital=True, space=" "), "thị xã")
