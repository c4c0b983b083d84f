package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strings"

	"wardledger/ledger"
)

// maxProblems is how many wrong lines of a file are reported at once.
const maxProblems = 50

// readCSV reads a CSV file with a header line (Excel's UTF-8 byte order
// mark allowed): every column of columns must be there but those in
// optional. Each data line goes to fn with its line number and a getter by
// column name; every line fn refuses is reported, with refused (what was
// not done) in the message, so that the user fixes the file in one pass.
func readCSV(path, op string, limit int64, columns, optional []string, refused string, fn func(line int, get func(string) string) error) error {
	fh, err := os.Open(path)
	if err != nil {
		return &ledger.Error{Kind: ledger.KindNotFound, Op: op, Msg: "không mở được tệp " + path, Err: err}
	}
	defer fh.Close()
	if st, err := fh.Stat(); err == nil && st.Size() > limit {
		return ledger.Errorf(ledger.KindInvalid, op, "tệp %s quá lớn (%d byte, tối đa %d)", path, st.Size(), limit)
	}
	r := csv.NewReader(io.LimitReader(fh, limit))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return ledger.Errorf(ledger.KindInvalid, op, "%s: không đọc được dòng tiêu đề: %v", path, err)
	}
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff")
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	for _, c := range columns {
		if _, ok := col[c]; !ok && !contains(optional, c) {
			return ledger.Errorf(ledger.KindInvalid, op, "%s: thiếu cột %q (cần: %s)", path, c, strings.Join(columns, ","))
		}
	}
	var problems []string
	for len(problems) < maxProblems {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		line, _ := r.FieldPos(0)
		if err == nil {
			err = fn(line, func(name string) string {
				if i, ok := col[name]; ok && i < len(rec) {
					return rec[i]
				}
				return ""
			})
		}
		if err != nil {
			problems = append(problems, fmt.Sprintf("dòng %d: %v", line, err))
		}
	}
	if len(problems) > 0 {
		return ledger.Errorf(ledger.KindInvalid, op, "%s có lỗi, %s:\n  %s", path, refused, strings.Join(problems, "\n  "))
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
