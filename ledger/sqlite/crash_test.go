package sqlite_test

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"wardledger/ledger"
	"wardledger/ledger/sqlite"
)

const crashWriterEnv = "WARDLEDGER_CRASH_WRITER_DB"

// TestMain lets this test binary double as the writer process the crash
// test kills.
func TestMain(m *testing.M) {
	if path := os.Getenv(crashWriterEnv); path != "" {
		crashWriter(path)
		return
	}
	os.Exit(m.Run())
}

// crashWriter records entries as fast as it can, one by one and in
// batches, and prints each id once its commit has returned.
func crashWriter(path string) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	out := bufio.NewWriter(os.Stdout)
	for i := 0; ; i++ {
		batch := []*ledger.Entry{mk(h1, ledger.EntryAllocation, ledger.TX, "341", "", ledger.Money(1000+i), h1.Start())}
		if i%5 == 0 {
			for j := 0; j < 20; j++ {
				batch = append(batch, mk(h1, ledger.EntryAllocation, ledger.KTX, "341", "", ledger.Money(j+1), h1.Start()))
			}
			err = db.AddEntries(ctx, batch, ledger.BatchSource{Reason: "crash test"})
		} else {
			err = db.AddEntry(ctx, batch[0])
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		for _, e := range batch {
			out.WriteString(e.ID + "\n")
		}
		out.Flush() // only after the commit returned
	}
}

// TestCrashKillWriter kills a writing process with SIGKILL at random
// moments; after each kill the file passes integrity_check and holds every
// entry whose commit had returned.
func TestCrashKillWriter(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "crash.db")
	db := mustOpenAt(t, path)
	db.Close()
	r := rand.New(rand.NewPCG(7, 7))
	var committed []string
	const kills = 20
	for round := 0; round < kills; round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), crashWriterEnv+"="+path)
		stdout, err := cmd.StdoutPipe()
		must(t, err)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		must(t, cmd.Start())
		var mu sync.Mutex
		var ids []string
		done := make(chan struct{})
		go func() {
			defer close(done)
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				if line := sc.Text(); ledger.ValidID(line) { // a torn last line is not a commit
					mu.Lock()
					ids = append(ids, line)
					mu.Unlock()
				}
			}
		}()
		// Let it start writing, then kill it at a random moment.
		deadline := time.Now().Add(10 * time.Second)
		for {
			mu.Lock()
			n := len(ids)
			mu.Unlock()
			if n > 0 || time.Now().After(deadline) {
				break
			}
			time.Sleep(5 * time.Millisecond)
		}
		time.Sleep(time.Duration(r.IntN(150)) * time.Millisecond)
		must(t, cmd.Process.Signal(syscall.SIGKILL))
		<-done
		cmd.Wait()
		mu.Lock()
		if len(ids) == 0 {
			t.Fatalf("round %d: the writer committed nothing: %s", round, stderr.String())
		}
		committed = append(committed, ids...)
		mu.Unlock()

		must(t, sqlite.IntegrityCheck(ctx, path))
		db := mustOpenAt(t, path)
		var n int
		must(t, db.SQL().QueryRow(`SELECT count(*) FROM entries`).Scan(&n))
		if n < len(committed) {
			t.Fatalf("round %d: %d entries in the file, %d commits returned", round, n, len(committed))
		}
		for _, id := range committed {
			if _, err := db.FindEntry(ctx, id); err != nil {
				t.Fatalf("round %d: committed entry %s lost: %v", round, id, err)
			}
		}
		problems, err := db.Check(ctx)
		must(t, err)
		if len(problems) > 0 {
			t.Fatalf("round %d: check: %v", round, problems)
		}
		db.Close()
	}
	t.Logf("%d kills, %d committed entries all present", kills, len(committed))
}
