package ledger

import (
	"errors"
	"fmt"
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
	}
	return "internal"
}

// Error is the one error type of the domain. Msg is written for a ward
// accountant (Vietnamese); Op names the operation for logs; Field, when set,
// names the input that is wrong so a form can show the message beside it.
type Error struct {
	Kind  Kind
	Op    string
	Field string
	Msg   string
	Err   error
}

func (e *Error) Error() string {
	switch {
	case e.Msg != "" && e.Err != nil:
		return e.Msg + ": " + e.Err.Error()
	case e.Msg != "":
		return e.Msg
	case e.Err != nil:
		return e.Err.Error()
	}
	return e.Kind.String()
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

// BatchError reports which entry of a batch (0-based Index) made the whole
// batch fail, so a caller can name the line of the file it came from.
type BatchError struct {
	Index int
	Err   error
}

func (e *BatchError) Error() string {
	return "bút toán thứ " + itoa(e.Index+1) + ": " + e.Err.Error()
}

func (e *BatchError) Unwrap() error { return e.Err }

func itoa(n int) string { return fmt.Sprint(n) }
