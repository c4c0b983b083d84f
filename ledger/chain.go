package ledger

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"strconv"
	"time"
)

// Hash is a link of a ledger's hash chains: the SHA-256 of the previous
// link and of one row's canonical content. Entries form one chain, the
// audit trail another that also names the entries' head at each of its
// rows, so a row edited, inserted or cut anywhere — through the program or
// behind its back — breaks a link that Check names.
type Hash [32]byte

// String is the hash in hexadecimal, as workbooks carry it.
func (h Hash) String() string { return hex.EncodeToString(h[:]) }

// IsZero reports whether h is the start of a chain (no row before it).
func (h Hash) IsZero() bool { return h == Hash{} }

// ParseHash reads a hash written by String.
func ParseHash(s string) (Hash, error) {
	var h Hash
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != len(h) {
		return h, FieldErrorf("hash", "ParseHash", "mã băm %q không hợp lệ", s)
	}
	copy(h[:], b)
	return h, nil
}

// StampFormat is how the store writes the moments of entries and audit
// rows; the chains hash them as written.
const StampFormat = time.RFC3339Nano

// chainWriter builds a canonical content: each field as its length then
// its bytes, so no two different rows share one.
type chainWriter struct{ buf []byte }

func (w *chainWriter) field(s string) {
	w.buf = binary.AppendUvarint(w.buf, uint64(len(s)))
	w.buf = append(w.buf, s...)
}

func (w *chainWriter) link(prev Hash) Hash {
	h := sha256.New()
	h.Write(prev[:])
	h.Write(w.buf)
	var out Hash
	h.Sum(out[:0])
	return out
}

// EntryHash is the link of e after prev: every field of the entry as it is
// recorded, including who recorded it, when and how (Via: written only
// when set, so the links of entries recorded before Via existed stay).
func EntryHash(prev Hash, e *Entry) Hash {
	w := chainWriter{buf: make([]byte, 0, 256)}
	w.field("wardledger/entry/1")
	for _, f := range []string{e.ID, e.Unit, e.Period.String(), string(e.Kind), string(e.Nature), e.Khoan, e.TieuMuc,
		strconv.FormatInt(int64(e.Amount), 10), e.Doc, e.Date.String(), e.Memo, e.Reverses, e.Origin,
		e.CreatedAt.UTC().Format(StampFormat), e.CreatedBy} {
		w.field(f)
	}
	if e.Via != ViaKeyed {
		w.field(string(e.Via))
	}
	return w.link(prev)
}

// AuditHash is the link of an audit row after prev; entriesHead is the
// entries' chain head when the row was written.
func AuditHash(prev, entriesHead Hash, r *AuditRecord) Hash {
	w := chainWriter{buf: make([]byte, 0, 256)}
	w.field("wardledger/audit/1")
	w.field(string(entriesHead[:]))
	for _, f := range []string{r.At.UTC().Format(StampFormat), r.Who, r.Action, r.Unit, r.Period, r.Subject, r.Reason} {
		w.field(f)
	}
	return w.link(prev)
}
