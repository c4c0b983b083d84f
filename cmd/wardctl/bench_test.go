package main

import (
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/pprof"
	"strconv"
	"sync"
	"testing"
	"time"

	"wardledger/ledger"
	"wardledger/ledger/demo"
	"wardledger/ledger/sqlite"
)

// The bulk import, whole process: `wardctl entry import` of a file of
// 100,000 entries over 17 units and ten half-years (every rule checked)
// into a fresh ledger, beside its floor — a process that reads the same
// file and INSERTs the same rows, bare, in one transaction, into a table
// of the same columns through the same stack (modernc.org/sqlite, the same
// pragmas). Both are this test binary started again as a child process,
// so each op is a whole process: start, read, write, fsync, exit.
//
//	go test -run '^$' -bench BulkImport -benchtime 3x -count 3 ./cmd/wardctl/
//
// The paired sub-benchmark runs one of each per iteration, alternating
// which goes first, and reports their ratio: on a shared machine that is
// the figure to read.

const benchChildEnv = "WARDCTL_BENCH_CHILD"

// benchProfileEnv, when set to a path, makes each child write its CPU
// profile to that path with ".wardctl" or ".floor" added:
//
//	WARDCTL_BENCH_CPUPROFILE=$HOME/bulk.prof go test -run '^$' -bench BulkImport/wardctl -benchtime 1x ./cmd/wardctl/
//	go tool pprof -top $HOME/bulk.prof.wardctl
const benchProfileEnv = "WARDCTL_BENCH_CPUPROFILE"

func TestMain(m *testing.M) {
	role := os.Getenv(benchChildEnv)
	if role == "" {
		code := m.Run()
		if bulk.dir != "" {
			os.RemoveAll(bulk.dir)
		}
		os.Exit(code)
	}
	args := os.Args[1:] // after "--": the child's own arguments
	for i, a := range args {
		if a == "--" {
			args = args[i+1:]
			break
		}
	}
	if prof := os.Getenv(benchProfileEnv); prof != "" {
		f, err := os.Create(prof + "." + role)
		if err == nil {
			pprof.StartCPUProfile(f) // stopped below, before os.Exit
		}
	}
	var err error
	if role == "floor" {
		err = bareInsert(args[0], args[1])
	} else {
		err = run(context.Background(), args, os.Stdin, io.Discard, os.Stderr)
	}
	pprof.StopCPUProfile()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(exitCode(err))
	}
	os.Exit(0)
}

// bareInsert is the floor: the CSV's rows into a plain table, one
// prepared INSERT per row, one transaction.
func bareInsert(file, db string) error {
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.ReuseRecord = true
	sdb, err := sql.Open("sqlite", "file:"+db+"?_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_txlock=immediate")
	if err != nil {
		return err
	}
	defer sdb.Close()
	if _, err := sdb.Exec(`CREATE TABLE entries (unit TEXT, period TEXT, kind TEXT, nature TEXT, khoan TEXT,
		tieu_muc TEXT, amount INTEGER, doc TEXT, date TEXT, memo TEXT) STRICT`); err != nil {
		return err
	}
	tx, err := sdb.Begin()
	if err != nil {
		return err
	}
	stmt, err := tx.Prepare(`INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	if _, err := r.Read(); err != nil { // the header
		return err
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		amount, _ := strconv.ParseInt(rec[6], 10, 64)
		if _, err := stmt.Exec(rec[0], rec[1], rec[2], rec[3], rec[4], rec[5], amount, rec[7], rec[8], rec[9]); err != nil {
			return err
		}
	}
	return tx.Commit()
}

var bulk struct {
	once        sync.Once
	dir         string
	csv, ledger string
	entries     int
	err         error
}

// bulkFiles writes, once per test binary, the CSV of the demo district's
// bulk history (17 wards, five years) and a fresh ledger of its units.
func bulkFiles(b *testing.B) (csvPath, freshLedger string, entries int) {
	bulk.once.Do(func() {
		o := demo.Options{Wards: 17, Years: 5, EntriesPerHalf: 590, Today: ledger.NewDate(2026, 11, 27), Seed: 9}
		es, err := demo.Bulk(o)
		if err != nil {
			bulk.err = err
			return
		}
		bulk.dir, bulk.err = os.MkdirTemp("", "wardctl-bench")
		if bulk.err != nil {
			return
		}
		bulk.csv = filepath.Join(bulk.dir, "import.csv")
		f, err := os.Create(bulk.csv)
		if err != nil {
			bulk.err = err
			return
		}
		w := csv.NewWriter(f)
		w.Write(importColumns)
		for _, e := range es {
			w.Write([]string{e.Unit, e.Period.String(), string(e.Kind), string(e.Nature), e.Khoan, e.TieuMuc,
				strconv.FormatInt(int64(e.Amount), 10), e.Doc, e.Date.String(), e.Memo})
		}
		w.Flush()
		if bulk.err = f.Close(); bulk.err != nil {
			return
		}
		setup, _ := demo.Setup(o)
		bulk.ledger = filepath.Join(bulk.dir, "fresh.db")
		db, err := sqlite.Create(context.Background(), bulk.ledger, setup, sqlite.Options{})
		if err != nil {
			bulk.err = err
			return
		}
		bulk.err = db.Close()
		bulk.entries = len(es)
	})
	if bulk.err != nil {
		b.Fatal(bulk.err)
	}
	return bulk.csv, bulk.ledger, bulk.entries
}

// child runs this binary as wardctl ("wardctl") or as the floor ("floor")
// on a copy of fresh (or a new file), and returns how long it took and the
// CPU time it used (less swayed by the other programs of a shared machine).
func child(b *testing.B, role, csvPath, fresh string) (wall, cpu time.Duration) {
	b.StopTimer()
	db := filepath.Join(b.TempDir(), "ledger.db")
	if role == "wardctl" {
		data, err := os.ReadFile(fresh)
		if err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(db, data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	args := []string{"-test.run=^$", "--", "entry", "import", "--file", csvPath, "--db", db}
	if role == "floor" {
		args = []string{"-test.run=^$", "--", csvPath, db}
	}
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), benchChildEnv+"="+role)
	cmd.Stderr = os.Stderr
	b.StartTimer()
	start := time.Now()
	if err := cmd.Run(); err != nil {
		b.Fatalf("%s: %v", role, err)
	}
	wall = time.Since(start)
	return wall, cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
}

func BenchmarkBulkImport(b *testing.B) {
	csvPath, fresh, n := bulkFiles(b)
	for _, role := range []string{"wardctl", "floor"} {
		b.Run(role, func(b *testing.B) {
			var cpu time.Duration
			for b.Loop() {
				_, c := child(b, role, csvPath, fresh)
				cpu += c
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "entries/s")
			b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
		})
	}
	b.Run("paired", func(b *testing.B) {
		var ours, floor, oursCPU, floorCPU time.Duration
		i := 0
		for b.Loop() {
			for _, role := range [][]string{{"wardctl", "floor"}, {"floor", "wardctl"}}[i%2] {
				w, c := child(b, role, csvPath, fresh)
				if role == "wardctl" {
					ours, oursCPU = ours+w, oursCPU+c
				} else {
					floor, floorCPU = floor+w, floorCPU+c
				}
			}
			i++
		}
		b.ReportMetric(float64(n)*float64(i)/ours.Seconds(), "entries/s")
		b.ReportMetric(float64(n)*float64(i)/floor.Seconds(), "floor-entries/s")
		b.ReportMetric(ours.Seconds()/floor.Seconds(), "ratio")
		b.ReportMetric(oursCPU.Seconds()/floorCPU.Seconds(), "cpu-ratio")
	})
}
