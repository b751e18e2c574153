"""Plain-text exports (.txt): detect the encoding honestly and keep the file's own lines."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from budgetdoc.errors import UnreadableError
from budgetdoc.read.base import RawDocument

# A decoded text is accepted only when it looks like Chinese prose: GB18030 maps nearly any byte
# sequence to *some* characters, so decoding without error proves nothing.
_MIN_CJK_SHARE = 0.2


_SPACE = re.compile(r"\s")
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")  # below U+0020 but not \t \n \r \f
_CJK = re.compile("[\u4e00-\u9fff]")


def _plausible(text: str) -> bool:
    # regex counts, not a loop per character: this runs on every text file and every HTML page
    sample = text[:20000]
    visible = len(sample) - len(_SPACE.findall(sample))
    if not visible:
        return False
    if len(_CONTROL.findall(sample)) > len(sample) * 0.01:
        return False
    return len(_CJK.findall(sample)) >= visible * _MIN_CJK_SHARE


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Decode text bytes as UTF-8 (with or without BOM) or GB18030, refusing anything else.

    Returns:
        The text with ``\\r\\n`` folded to ``\\n``, and the encoding's name.
    """
    if not data.strip():
        raise UnreadableError(path, "文件为空")
    if b"\x00" in data[:8192]:
        raise UnreadableError(path, "二进制文件，不是文本")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            # a file cut off inside its last character (an interrupted download) is still that text
            if exc.reason != "unexpected end of data" or exc.end != len(data) or exc.start < len(data) - 3:
                continue
            try:
                text = data[: exc.start].decode(encoding)
            except UnicodeDecodeError:
                continue
        if _plausible(text):
            name = "utf-8-bom" if encoding == "utf-8-sig" and data.startswith(b"\xef\xbb\xbf") else encoding
            name = "utf-8" if name == "utf-8-sig" else name
            return text.replace("\r\n", "\n").replace("\r", "\n"), name
    raise UnreadableError(path, "无法识别的文本编码（支持 UTF-8、GB18030/GBK），或不是中文文本")


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def read_text(path: Path, data: bytes) -> RawDocument:
    """Read a ``.txt`` export."""
    text, encoding = decode(data, str(path))
    warnings: tuple[str, ...] = ()
    if encoding.startswith("utf-8") and not _decodes(data, "utf-8-sig"):
        warnings = ("文件末尾的字符不完整（文件可能被截断），已忽略",)
    return RawDocument(
        path=str(path), text=text, format="txt", encoding=encoding, warnings=warnings,
        sha256=hashlib.sha256(data).hexdigest(),
    )
