package ledger

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Kind classifies an error so callers can react to it (exit status, which
// field to highlight) without parsing messages.
type Kind int

const (
	KindInternal Kind = iota // a bug or an I/O failure
	KindInvalid              // the input is wrong
	KindNotFound             // the thing asked for does not exist
	KindConflict             // the request contradicts what is recorded
	KindLocked               // the period (or review) is closed
	KindBusy                 // the ledger is being written by another program
	KindDamaged              // the ledger file is damaged: restore a backup
	KindStorage              // the disk refuses: full, read-only, unreachable
)

func (k Kind) String() string {
	switch k {
	case KindInvalid:
		return "invalid"
	case KindNotFound:
		return "not found"
	case KindConflict:
		return "conflict"
	case KindLocked:
		return "locked"
	case KindBusy:
		return "busy"
	case KindDamaged:
		return "damaged"
	case KindStorage:
		return "storage"
	}
	return "internal"
}

// Error is the one error type of the domain and of every adapter. Msg is
// written for a ward accountant (Vietnamese); Op names the operation for
// logs; Field, when set, names the input that is wrong so a form can show
// the message beside it; Item, when set, is the 1-based position of the
// refused item in a batch (an entry of an import, an approval of a review)
// so a caller can name the line of the file it came from; Problems lists
// the several things wrong when there is more than one (conflicting entries,
// lines of a file).
type Error struct {
	Kind     Kind
	Op       string
	Field    string
	Item     int
	Msg      string
	Problems []string
	Err      error
}

// maxShownProblems is how many problems a message lists before "… và N".
const maxShownProblems = 20

func (e *Error) Error() string {
	var b strings.Builder
	switch {
	case e.Msg != "" && e.Err != nil:
		b.WriteString(e.Msg + ": " + e.Err.Error())
	case e.Msg != "":
		b.WriteString(e.Msg)
	case e.Err != nil:
		b.WriteString(e.Err.Error())
	default:
		b.WriteString(e.Kind.String())
	}
	for i, p := range e.Problems {
		if i == maxShownProblems {
			fmt.Fprintf(&b, "\n  … và %d lỗi khác", len(e.Problems)-maxShownProblems)
			break
		}
		b.WriteString("\n  " + p)
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf builds an *Error of the given kind with a formatted message.
func Errorf(kind Kind, op, format string, args ...any) *Error {
	return &Error{Kind: kind, Op: op, Msg: fmt.Sprintf(format, args...)}
}

// FieldErrorf is Errorf for an error that belongs to one input field.
func FieldErrorf(field, op, format string, args ...any) *Error {
	return &Error{Kind: KindInvalid, Op: op, Field: field, Msg: fmt.Sprintf(format, args...)}
}

// Internal wraps an unexpected failure (I/O, database) for operation op.
func Internal(op string, err error) error {
	if err == nil {
		return nil
	}
	var le *Error
	if errors.As(err, &le) {
		return err
	}
	return &Error{Kind: KindInternal, Op: op, Msg: "lỗi hệ thống", Err: err}
}

// AtItem marks err as the refusal of the item at 1-based position n of a
// batch (what says what the items are: "bút toán", "dòng duyệt"). The kind
// and field are err's, so callers react to it as to err itself. An error
// of the environment (a full disk, another program writing, a damaged
// file) is not the item's fault and is returned as it is.
func AtItem(n int, what string, err error) error {
	switch ErrorKind(err) {
	case KindInternal, KindBusy, KindDamaged, KindStorage:
		return err
	}
	return &Error{Kind: ErrorKind(err), Op: errorOp(err), Field: ErrorField(err), Item: n,
		Msg: what + " thứ " + strconv.Itoa(n), Err: err}
}

// ErrorKind returns the kind of err, KindInternal for foreign errors.
func ErrorKind(err error) Kind {
	var le *Error
	if errors.As(err, &le) {
		return le.Kind
	}
	return KindInternal
}

// ErrorField returns the input field err belongs to, or "".
func ErrorField(err error) string {
	var le *Error
	if errors.As(err, &le) {
		return le.Field
	}
	return ""
}

// ErrorItem returns the 1-based position of the batch item err refuses,
// or 0 when it is not about one item.
func ErrorItem(err error) int {
	for err != nil {
		var le *Error
		if !errors.As(err, &le) {
			return 0
		}
		if le.Item > 0 {
			return le.Item
		}
		err = le.Err
	}
	return 0
}

// ErrorProblems returns the list of problems carried by err, if any.
func ErrorProblems(err error) []string {
	for err != nil {
		var le *Error
		if !errors.As(err, &le) {
			return nil
		}
		if len(le.Problems) > 0 {
			return le.Problems
		}
		err = le.Err
	}
	return nil
}

// Cause returns the innermost *Error of err's chain: the refusal itself,
// without the batch position or operation wrapped around it.
func Cause(err error) error {
	for {
		var le *Error
		if !errors.As(err, &le) || le.Err == nil {
			return err
		}
		var inner *Error
		if !errors.As(le.Err, &inner) {
			return err
		}
		err = le.Err
	}
}

func errorOp(err error) string {
	var le *Error
	if errors.As(err, &le) {
		return le.Op
	}
	return ""
}
