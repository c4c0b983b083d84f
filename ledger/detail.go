package ledger

import (
	"sort"
	"strconv"
)

// DetailLevel is the depth of a row in the spending detail (F01-01/BCQT).
type DetailLevel int

const (
	DetailTotal DetailLevel = iota
	DetailNature
	DetailLoai
	DetailKhoan
	DetailMuc
	DetailTieuMuc
)

// DetailRow is one row of the spending detail. Every row above Tiểu mục is
// the subtotal of the rows under it.
type DetailRow struct {
	Level  DetailLevel
	Code   string // the nature, Loại, Khoản, Mục or Tiểu mục code
	Name   string
	Amount Money
	// The levels this row belongs to (its own included), for exports and
	// trees; a level below the row's own is empty.
	Loai, Khoan string
	Nature      Nature
	Muc         string
}

// DetailParents gives, for each row of a spending detail in the order
// SpendingDetail returns them, the index of the row it is part of (the
// nearest row above it of a higher level), or -1 for a row with none.
func DetailParents(rows []DetailRow) []int {
	out := make([]int, len(rows))
	var stack []int // the open rows, each of a lower level than the last
	for i, r := range rows {
		for len(stack) > 0 && rows[stack[len(stack)-1]].Level >= r.Level {
			stack = stack[:len(stack)-1]
		}
		out[i] = -1
		if len(stack) > 0 {
			out[i] = stack[len(stack)-1]
		}
		stack = append(stack, i)
	}
	return out
}

// MucOf returns the Mục a Tiểu mục belongs to: the catalogue's parent, or
// the group of fifty it falls in (6001..6049 → 6000), which is how Mục
// numbers are laid out.
func MucOf(cat *Catalogue, tieuMuc string) string {
	if c, ok := cat.Lookup(LevelTieuMuc, tieuMuc); ok && c.Parent != "" {
		return c.Parent
	}
	n, err := strconv.Atoi(tieuMuc)
	if err != nil {
		return tieuMuc
	}
	return strconv.Itoa(n / 50 * 50)
}

// LoaiOf returns the Loại a Khoản belongs to, or "" when unknown.
func LoaiOf(cat *Catalogue, khoan string) string {
	c, _ := cat.Lookup(LevelKhoan, khoan)
	return c.Parent
}

// NatureSection is the number of a nature's section in the forms: "I"
// for TX, "II" for KTX (the order of Natures).
func NatureSection(n Nature) string {
	for i, m := range Natures {
		if m == n {
			return [...]string{"I", "II", "III", "IV"}[min(i, 3)]
		}
	}
	return ""
}

// NatureHeading is the title of a nature's section in F01-01/BCQT: "I.
// Kinh phí thường xuyên/tự chủ".
func NatureHeading(n Nature) string { return NatureSection(n) + ". " + n.FormLabel() }

// SpendingDetail builds F01-01/BCQT as the circular prints it: the grand
// total, then one section per nature (I. thường xuyên, II. không thường
// xuyên, each present even when empty), each Loại → Khoản → Mục → Tiểu
// mục with its subtotal. A subtotal that overflows is an error.
func SpendingDetail(cat *Catalogue, totals []Total) ([]DetailRow, error) {
	const op = "SpendingDetail"
	over := false
	add := func(a *Money, b Money) {
		v, ok := addMoney(*a, b)
		over = over || !ok
		*a = v
	}
	type key struct {
		nature      Nature
		loai, khoan string
		muc, tm     string
	}
	sums := map[key]Money{}
	for _, t := range totals {
		if t.Kind != EntrySpending || t.Amount == 0 {
			continue
		}
		k := key{t.Nature, LoaiOf(cat, t.Khoan), t.Khoan, MucOf(cat, t.TieuMuc), t.TieuMuc}
		v := sums[k]
		add(&v, t.Amount)
		sums[k] = v
	}
	keys := make([]key, 0, len(sums))
	for k := range sums {
		keys = append(keys, k)
	}
	rank := map[Nature]int{}
	for i, n := range Natures {
		rank[n] = i
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		switch {
		case a.nature != b.nature:
			return rank[a.nature] < rank[b.nature]
		case a.loai != b.loai:
			return a.loai < b.loai
		case a.khoan != b.khoan:
			return a.khoan < b.khoan
		case a.muc != b.muc:
			return a.muc < b.muc
		}
		return a.tm < b.tm
	})
	rows := []DetailRow{{Level: DetailTotal, Name: "Tổng cộng"}}
	var cur [4]int          // index in rows of the open Loại, Khoản, Mục rows (by level − DetailLoai)
	next, natureRow := 0, 0 // the next of Natures to open a section for; the open one's row
	section := func(upTo int) {
		for ; next < upTo; next++ {
			n := Natures[next]
			rows = append(rows, DetailRow{Level: DetailNature, Code: string(n), Name: n.Label(), Nature: n})
			natureRow = len(rows) - 1
		}
	}
	var prev *key
	for _, k := range keys {
		amt := sums[k]
		section(rank[k.nature] + 1)
		add(&rows[natureRow].Amount, amt)
		changed := prev == nil || prev.nature != k.nature
		open := func(level DetailLevel, differs bool, row DetailRow) {
			if changed || differs {
				changed = true
				// A row names only the levels above and at its own.
				row.Level, row.Nature, row.Loai = level, k.nature, k.loai
				if level >= DetailKhoan {
					row.Khoan = k.khoan
				}
				if level >= DetailMuc {
					row.Muc = k.muc
				}
				rows = append(rows, row)
				cur[level-DetailLoai] = len(rows) - 1
			}
			add(&rows[cur[level-DetailLoai]].Amount, amt)
		}
		open(DetailLoai, prev != nil && prev.loai != k.loai, DetailRow{Code: k.loai, Name: cat.Name(LevelLoai, k.loai)})
		open(DetailKhoan, prev != nil && prev.khoan != k.khoan, DetailRow{Code: k.khoan, Name: cat.Name(LevelKhoan, k.khoan)})
		open(DetailMuc, prev != nil && prev.muc != k.muc, DetailRow{Code: k.muc, Name: cat.Name(LevelMuc, k.muc)})
		rows = append(rows, DetailRow{Level: DetailTieuMuc, Code: k.tm, Name: cat.Name(LevelTieuMuc, k.tm),
			Amount: amt, Loai: k.loai, Khoan: k.khoan, Nature: k.nature, Muc: k.muc})
		add(&rows[0].Amount, amt)
		kk := k
		prev = &kk
	}
	section(len(Natures))
	if over {
		return nil, overflow(op)
	}
	return rows, nil
}
