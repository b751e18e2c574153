import subprocess
import sys

import pytest

from budgetdoc.errors import NotDisclosureError, UnreadableError
from budgetdoc.pipeline import load
from budgetdoc.read import read

from conftest import SAMPLE_FILES


def test_encodings_are_detected(tmp_path):
    text = SAMPLE_FILES["003"].read_text(encoding="utf-8")
    for name, data in {"gbk": text.encode("gb18030"), "bom": b"\xef\xbb\xbf" + text.encode("utf-8"),
                       "utf8": text.encode("utf-8")}.items():
        path = tmp_path / f"{name}.txt"
        path.write_bytes(data)
        raw = read(path)
        assert raw.text.replace("\r\n", "\n") == text.replace("\r\n", "\n")
        assert raw.encoding == {"gbk": "gb18030", "bom": "utf-8-bom", "utf8": "utf-8"}[name]


def test_gbk_sample_gives_same_facts_as_utf8(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(SAMPLE_FILES["000"].read_text(encoding="utf-8").encode("gbk"))
    ours = load(path)
    reference = load(SAMPLE_FILES["000"])
    assert [(f.key, f.value, f.source.line) for f in ours.facts] == [
        (f.key, f.value, f.source.line) for f in reference.facts]


@pytest.mark.parametrize(
    ("content", "problem"),
    [(None, "文件不存在"), (b"", "文件为空"), (b"\x00\x01\x02binary\x00" * 50, "二进制"),
     ("latin".encode("utf-16"), "")],
)
def test_unreadable_inputs(tmp_path, content, problem):
    path = tmp_path / "doc.txt"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(UnreadableError) as info:
        load(path)
    assert problem in str(info.value)
    assert str(path) in str(info.value)


def test_directory_is_unreadable(tmp_path):
    with pytest.raises(UnreadableError, match="目录"):
        load(tmp_path)


NEWS = """州财政局召开2023年度部门决算编报工作会议
11月20日，州财政局召开部门决算编报工作会议，全州各预算单位财务负责人参加会议。
会议要求，各单位要高度重视决算编报工作，确保数据真实准确，按时报送。
"""


def test_news_article_is_not_a_disclosure(tmp_path):
    path = tmp_path / "news.txt"
    path.write_text(NEWS * 5, encoding="utf-8")
    with pytest.raises(NotDisclosureError):
        load(path)


def test_truncated_disclosure_warns_about_missing_sections(tmp_path):
    text = SAMPLE_FILES["003"].read_text(encoding="utf-8")
    cut = text.index("六、一般公共预算财政拨款基本支出决算情况说明")
    path = tmp_path / "half.txt"
    path.write_text(text[:cut], encoding="utf-8")
    doc = load(path)
    assert doc.unit == "昌吉回族自治州人民政府办公室"
    missing = [w for w in doc.warnings if w.startswith("文档不完整")]
    assert missing and "“三公”经费" in missing[0] and "收入情况" not in missing[0]


def run_cli(*args: str):
    return subprocess.run([sys.executable, "-m", "budgetdoc", *args], capture_output=True, text=True, check=False)


@pytest.mark.parametrize(
    ("setup", "code"),
    [("missing", 2), ("dir", 2), ("empty", 2), ("binary", 2), ("news", 3)],
)
def test_cli_bad_input_is_one_line_with_distinct_exit_code(tmp_path, setup, code):
    path = tmp_path / "x.txt"
    if setup == "dir":
        path = tmp_path
    elif setup == "empty":
        path.write_bytes(b"")
    elif setup == "binary":
        path.write_bytes(bytes(range(256)) * 20)
    elif setup == "news":
        path.write_text(NEWS * 5, encoding="utf-8")
    result = run_cli("parse", str(path))
    assert result.returncode == code
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert str(path) in result.stderr


def test_text_cut_inside_its_last_character_is_read_with_a_warning(tmp_path) -> None:
    from budgetdoc.read import read

    data = SAMPLE_FILES["000"].read_bytes()
    cut = data.rindex("。".encode()) + 1  # inside the three bytes of the last 。
    path = tmp_path / "cut.txt"
    path.write_bytes(data[:cut])
    raw = read(path)
    assert raw.encoding == "utf-8"
    assert raw.text == data[: cut - 1].decode("utf-8").replace("\r\n", "\n")
    assert raw.warnings == ("文件末尾的字符不完整（文件可能被截断），已忽略",)
    whole = tmp_path / "whole.txt"
    whole.write_bytes(data)
    assert read(whole).warnings == ()
