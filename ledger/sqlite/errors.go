package sqlite

import (
	"context"
	"errors"
	"strings"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"wardledger/ledger"
)

// storeError turns what the database driver reports into the domain's
// error: the ordinary conditions of a file on a disk — another program
// writing, a read-only file, a full disk, a damaged file, a rule the
// schema enforces — get their own kind and a message a ward accountant
// understands; only what is truly unexpected stays "internal". A
// *ledger.Error passes through unchanged.
func storeError(op string, err error) error {
	if err == nil {
		return nil
	}
	var le *ledger.Error
	if errors.As(err, &le) {
		return err
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return &ledger.Error{Kind: ledger.KindInvalid, Op: op, Msg: "đã hủy", Err: err}
	}
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return ledger.Internal(op, err)
	}
	msg := se.Error()
	mk := func(kind ledger.Kind, text string) error {
		return &ledger.Error{Kind: kind, Op: op, Msg: text, Err: err}
	}
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return mk(ledger.KindBusy, "sổ đang được một chương trình khác ghi; hãy thử lại sau giây lát")
	case sqlite3.SQLITE_READONLY:
		return mk(ledger.KindStorage, "không ghi được vào tệp sổ: tệp hoặc thư mục chỉ cho đọc (kiểm tra quyền ghi, thẻ nhớ bị khóa ghi)")
	case sqlite3.SQLITE_FULL:
		return mk(ledger.KindStorage, "ổ đĩa đã đầy: không ghi được vào sổ (không có gì bị ghi dở). Hãy giải phóng dung lượng rồi thử lại")
	case sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM:
		return mk(ledger.KindStorage, "không đọc/ghi được tệp sổ (ổ đĩa, thẻ nhớ hoặc thư mục mạng không truy cập được)")
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
		return mk(ledger.KindDamaged, damagedAdvice)
	case sqlite3.SQLITE_INTERRUPT:
		return mk(ledger.KindInvalid, "đã hủy")
	case sqlite3.SQLITE_CONSTRAINT:
		switch {
		case strings.Contains(msg, "period is closed"):
			return mk(ledger.KindLocked, "kỳ này đã khóa sổ: không ghi thêm được")
		case strings.Contains(msg, "review is finished"):
			return mk(ledger.KindLocked, "cấp trên đã duyệt xong quyết toán kỳ này của đơn vị: không ghi thêm được")
		case strings.Contains(msg, "append-only"), strings.Contains(msg, "derived from entries"):
			return mk(ledger.KindConflict, "bút toán và nhật ký không sửa, không xóa được: hãy ghi bút toán đảo")
		case strings.Contains(msg, "UNIQUE"):
			return mk(ledger.KindConflict, "dữ liệu trùng với dữ liệu đã có trong sổ")
		case strings.Contains(msg, "FOREIGN KEY"):
			return mk(ledger.KindConflict, "dữ liệu tham chiếu tới đơn vị hoặc bút toán không có trong sổ")
		}
		return mk(ledger.KindInvalid, "dữ liệu không hợp lệ, sổ từ chối ghi")
	case sqlite3.SQLITE_TOOBIG:
		return mk(ledger.KindInvalid, "dữ liệu quá lớn")
	case sqlite3.SQLITE_ERROR:
		if strings.Contains(msg, "integer overflow") {
			return mk(ledger.KindInvalid, "tổng số tiền vượt giới hạn tính toán")
		}
	}
	return ledger.Internal(op, err)
}

// isCantOpen reports whether SQLite could not open a file (or the files
// beside it).
func isCantOpen(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_CANTOPEN
}

// isNotADatabase reports whether err says the file is not SQLite at all.
func isNotADatabase(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		c := se.Code() & 0xff
		return c == sqlite3.SQLITE_NOTADB || c == sqlite3.SQLITE_CORRUPT
	}
	return false
}

// damagedAdvice is what a damaged ledger tells the user to do.
const damagedAdvice = "tệp sổ bị hỏng: sổ không ghi thêm và không xuất báo cáo được nữa. " +
	"Hãy khôi phục từ bản sao lưu gần nhất (Tệp → Khôi phục từ bản sao lưu…; các bản sao lưu tự động nằm trong thư mục backups cạnh tệp sổ)"

// failed is storeError for a failed write, remembering a damaged file so
// that the ledger refuses every later write too.
func (db *DB) failed(op string, err error) error {
	err = storeError(op, err)
	if ledger.ErrorKind(err) == ledger.KindDamaged {
		db.health.set(err)
	}
	return err
}

// cleanReason is the reason of a reversal or a reopening as the ledger
// keeps it (NFC, trimmed, line ends as "\n"), or why it is refused.
func cleanReason(reason string) (string, error) {
	reason = ledger.NormalizeMultiline(reason)
	return reason, ledger.CheckReason(reason)
}
