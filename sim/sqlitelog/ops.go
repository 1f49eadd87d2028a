package sqlitelog

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"bluegreen/sim"
)

// statements are prepared once on the writing connection, so an append
// pays for no SQL parsing.
type statements struct {
	insertLog, insertTruth, readClock, setClock, markMessaged, countRecent *sql.Stmt
}

func prepare(ctx context.Context, db *sql.DB) (*statements, error) {
	s := &statements{}
	for _, p := range []struct {
		stmt  **sql.Stmt
		query string
	}{
		{&s.insertLog, "INSERT INTO log(time_ns, source_handle, lookup_handle, client_ip, lookup_devices, design) VALUES (?, ?, ?, ?, ?, ?)"},
		{&s.insertTruth, "INSERT INTO ground_truth(log_id, app, action, messaged) VALUES (?, ?, ?, ?)"},
		{&s.readClock, "SELECT time_ns FROM server_clock WHERE id = 1"},
		{&s.setClock, "UPDATE server_clock SET time_ns = ?1 WHERE id = 1 AND (time_ns IS NULL OR time_ns < ?1)"},
		{&s.markMessaged, "UPDATE ground_truth SET messaged = 1 WHERE log_id IN " +
			"(SELECT id FROM log WHERE source_handle = ? AND lookup_handle = ? AND time_ns <= ?)"},
		{&s.countRecent, "SELECT count(*) FROM log WHERE source_handle = ? AND time_ns >= ?"},
	} {
		stmt, err := db.PrepareContext(ctx, p.query)
		if err != nil {
			return s, fmt.Errorf("preparing %q: %w", p.query, err)
		}
		*p.stmt = stmt
	}
	return s, nil
}

func (s *statements) close() error {
	var errs []error
	for _, stmt := range []*sql.Stmt{s.insertLog, s.insertTruth, s.readClock, s.setClock, s.markMessaged, s.countRecent} {
		if stmt != nil {
			errs = append(errs, stmt.Close())
		}
	}
	return errors.Join(errs...)
}

// unixNano is t as stored: nanoseconds since 1970 in UTC, which sorts in
// time order and covers the years 1678–2262.
func unixNano(t time.Time) (int64, error) {
	ns := t.UnixNano()
	if !time.Unix(0, ns).Equal(t) {
		return 0, fmt.Errorf("time %s is outside what the log can store (1678–2262)", t.UTC().Format(time.RFC3339))
	}
	return ns, nil
}

func fromUnixNano(ns int64) time.Time { return time.Unix(0, ns).UTC() }

// boundNano is a time used as a bound in a query, clamped to what the log
// can store: every row is after a bound earlier than 1678.
func boundNano(t time.Time) int64 {
	switch {
	case t.Before(time.Unix(0, math.MinInt64)):
		return math.MinInt64
	case t.After(time.Unix(0, math.MaxInt64)):
		return math.MaxInt64
	}
	return t.UnixNano()
}

// Append implements sim.LogStore: the row and its truth are committed in one
// transaction, and the commit has reached stable storage when it returns.
// The same transaction (BEGIN IMMEDIATE: it holds the write lock from the
// start) checks the server clock, so a row older than a time another
// process has already logged is refused with sim.ErrClockBehind instead of
// landing out of order.
func (s *Store) Append(ctx context.Context, e sim.LogEntry, t sim.Truth) (int64, error) {
	ids, err := s.AppendWithin(ctx, sim.Quota{}, []sim.LogEntry{e}, t)
	if err != nil {
		return 0, err
	}
	return ids[0], nil
}

// AppendWithin implements sim.QuotaStore: the quota's count, the clock's
// check and every row are one transaction. BEGIN IMMEDIATE takes the
// file's write lock before the count, so a writer in another process
// waits for this one's commit and then counts its rows: two writers at
// the limit cannot both pass.
func (s *Store) AppendWithin(ctx context.Context, q sim.Quota, rows []sim.LogEntry, t sim.Truth) ([]int64, error) {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, s.failed(fmt.Errorf("appending to the log: %w", err))
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	if err := s.checkQuota(ctx, tx, q); err != nil {
		return nil, err
	}
	ids := make([]int64, 0, len(rows))
	for _, e := range rows {
		id, err := s.insert(ctx, tx, e, t)
		if err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	if err := tx.Commit(); err != nil {
		return nil, s.failed(fmt.Errorf("committing to the log: %w", err))
	}
	return ids, nil
}

// checkQuota counts the account's rows in the quota's window.
func (s *Store) checkQuota(ctx context.Context, tx *sql.Tx, q sim.Quota) error {
	if q.Max <= 0 {
		return nil
	}
	var logged int
	if err := tx.StmtContext(ctx, s.stmts.countRecent).QueryRowContext(ctx, string(q.Source), boundNano(q.Since)).Scan(&logged); err != nil {
		return s.failed(fmt.Errorf("applying the rate limit: %w", err))
	}
	if logged+q.Asking > q.Max {
		return fmt.Errorf("%w: %s has %d lookups logged since %s, the limit is %d", sim.ErrOverQuota, q.Source, logged, q.Since.UTC().Format(time.RFC3339), q.Max)
	}
	return nil
}

// insert writes one row and its truth inside tx, refusing a row older
// than the server clock (which the previous row's trigger may have moved).
func (s *Store) insert(ctx context.Context, tx *sql.Tx, e sim.LogEntry, t sim.Truth) (int64, error) {
	ns, err := unixNano(e.Time)
	if err != nil {
		return 0, err
	}
	var clock sql.NullInt64
	if err := tx.StmtContext(ctx, s.stmts.readClock).QueryRowContext(ctx).Scan(&clock); err != nil {
		return 0, s.failed(fmt.Errorf("reading the server clock: %w", err))
	}
	if clock.Valid && ns < clock.Int64 {
		return 0, fmt.Errorf("%w: %s is before %s", sim.ErrClockBehind, e.Time.UTC().Format(time.RFC3339Nano), fromUnixNano(clock.Int64).Format(time.RFC3339Nano))
	}
	res, err := tx.StmtContext(ctx, s.stmts.insertLog).ExecContext(ctx,
		ns, string(e.SourceHandle), string(e.LookupHandle), e.ClientIP, e.LookupDevices, string(e.DesignOrApple()))
	if err != nil {
		return 0, s.failed(fmt.Errorf("appending to the log: %w", err))
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, s.failed(fmt.Errorf("appending to the log: %w", err))
	}
	if _, err := tx.StmtContext(ctx, s.stmts.insertTruth).ExecContext(ctx, id, t.App, t.Action, t.Messaged); err != nil {
		return 0, s.failed(fmt.Errorf("appending the ground truth: %w", err))
	}
	return id, nil
}

// where turns a filter into a WHERE clause (possibly empty) and its
// arguments. Equality on a handle plus a time range is what the indexes
// log_by_source and log_by_lookup answer.
func where(f sim.LogFilter) (string, []any) {
	conds, args := conditions(f)
	if f.Either != "" {
		conds, args = append(conds, "(source_handle = ? OR lookup_handle = ?)"), append(args, string(f.Either), string(f.Either))
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// conditions are the filter's terms other than Either, which the queries
// below split into its two indexed halves.
func conditions(f sim.LogFilter) ([]string, []any) {
	var conds []string
	var args []any
	if f.NotSource != "" {
		conds, args = append(conds, "source_handle <> ?"), append(args, string(f.NotSource))
	}
	if f.Source != "" {
		conds, args = append(conds, "source_handle = ?"), append(args, string(f.Source))
	}
	if f.Lookup != "" {
		conds, args = append(conds, "lookup_handle = ?"), append(args, string(f.Lookup))
	}
	for _, bound := range []struct {
		t  time.Time
		op string
	}{{f.From, ">="}, {f.To, "<"}} {
		if bound.t.IsZero() {
			continue
		}
		conds, args = append(conds, "time_ns "+bound.op+" ?"), append(args, boundNano(bound.t))
	}
	return conds, args
}

// eitherHalves splits an Either filter into two disjoint halves that each
// run down one police index in time order: the rows the handle made, and
// the rows that looked it up made by someone else.
func eitherHalves(f sim.LogFilter) (made, lookedUp string, args []any) {
	conds, base := conditions(f)
	and := ""
	if len(conds) > 0 {
		and = " AND " + strings.Join(conds, " AND ")
	}
	h := string(f.Either)
	made = "source_handle = ?" + and
	lookedUp = "lookup_handle = ? AND source_handle <> ?" + and
	args = append(append(append([]any{h}, base...), h, h), base...)
	return made, lookedUp, args
}

// Entries implements sim.LogStore.
func (s *Store) Entries(ctx context.Context, f sim.LogFilter) ([]sim.LogEntry, error) {
	if f.Offset <= 0 || f.Limit <= 0 {
		return queryEntries(ctx, s.read, f, false)
	}
	return s.page(ctx, f)
}

// page reads one page of rows. SQLite skips OFFSET rows one by one, so a
// page past the middle — such as the last page, which a screen following
// the log asks for — is read backwards from the nearer end. The count and
// the page come from one read transaction, so an append in between cannot
// shift the page.
func (s *Store) page(ctx context.Context, f sim.LogFilter) ([]sim.LogEntry, error) {
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("reading the log: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // read-only: nothing to keep
	n, err := count(ctx, tx, f)
	if err != nil {
		return nil, err
	}
	if f.Offset <= n/2 {
		return queryEntries(ctx, tx, f, false)
	}
	end := min(f.Offset+f.Limit, n)
	if end <= f.Offset {
		return nil, nil
	}
	back := f
	back.Offset, back.Limit = n-end, end-f.Offset
	rows, err := queryEntries(ctx, tx, back, true)
	slices.Reverse(rows)
	return rows, err
}

// querier is what Entries and Count need of a pool or a transaction.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func queryEntries(ctx context.Context, q querier, f sim.LogFilter, backwards bool) ([]sim.LogEntry, error) {
	query, args := entriesQuery(f, backwards)
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("reading the log: %w", err)
	}
	defer rows.Close()
	return scanEntries(rows)
}

// entriesQuery is the SELECT behind Entries, oldest first or, backwards,
// newest first; a negative limit is SQLite's "no limit", a negative offset
// skips nothing (as in sim.MemoryLog). It reads packed_row, which the
// police indexes hold (see migrations).
func entriesQuery(f sim.LogFilter, backwards bool) (string, []any) {
	limit := int64(f.Limit)
	if limit <= 0 {
		limit = -1
	}
	order := " ORDER BY time_ns, id"
	if backwards {
		order = " ORDER BY time_ns DESC, id DESC"
	}
	if f.Either != "" {
		// A compound SELECT ordered by time merges the two halves, each read
		// in order from its index, so LIMIT stops early instead of sorting
		// every row of a busy handle.
		made, lookedUp, args := eitherHalves(f)
		query := "SELECT packed_row, time_ns, id FROM log WHERE " + made +
			" UNION ALL SELECT packed_row, time_ns, id FROM log WHERE " + lookedUp
		return query + order + " LIMIT ? OFFSET ?", append(args, limit, max(f.Offset, 0))
	}
	cond, args := where(f)
	return "SELECT packed_row, time_ns, id FROM log" + cond + order + " LIMIT ? OFFSET ?", append(args, limit, max(f.Offset, 0))
}

func scanEntries(rows *sql.Rows) ([]sim.LogEntry, error) {
	out := make([]sim.LogEntry, 0, 64)
	var packed string
	var timeNS, id int64 // the sort keys, selected for compound queries; the packed row holds them too
	for rows.Next() {
		if err := rows.Scan(&packed, &timeNS, &id); err != nil {
			return nil, fmt.Errorf("reading the log: %w", err)
		}
		e, err := unpack(packed)
		if err != nil {
			return nil, fmt.Errorf("reading the log: %w", err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading the log: %w", err)
	}
	return out, nil
}

// unpack reads a packed_row: "<id> <time_ns> <lookup_devices> <bytes of
// source> <bytes of lookup> <bytes of design> <source><lookup><design>
// <client_ip>". The strings are counted in bytes, so they may hold spaces
// or anything else; they share the packed row's memory.
func unpack(packed string) (sim.LogEntry, error) {
	var n [6]int64
	rest := packed
	for i := range n {
		field, tail, ok := strings.Cut(rest, " ")
		v, err := strconv.ParseInt(field, 10, 64)
		if !ok || err != nil {
			return sim.LogEntry{}, fmt.Errorf("malformed packed row %q", abbreviate(packed))
		}
		n[i], rest = v, tail
	}
	source, lookup, design := n[3], n[4], n[5]
	if source < 0 || lookup < 0 || design < 0 || source > int64(len(rest)) || lookup > int64(len(rest))-source ||
		design > int64(len(rest))-source-lookup {
		return sim.LogEntry{}, fmt.Errorf("malformed packed row %q: lengths %d, %d and %d do not fit", abbreviate(packed), source, lookup, design)
	}
	return sim.LogEntry{
		ID:            n[0],
		Time:          fromUnixNano(n[1]),
		LookupDevices: int(n[2]),
		SourceHandle:  sim.Handle(rest[:source]),
		LookupHandle:  sim.Handle(rest[source : source+lookup]),
		Design:        sim.Design(rest[source+lookup : source+lookup+design]),
		ClientIP:      rest[source+lookup+design:],
	}, nil
}

// abbreviate shortens a value quoted in an error message.
func abbreviate(s string) string {
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}

// Count implements sim.LogStore.
func (s *Store) Count(ctx context.Context, f sim.LogFilter) (int, error) {
	return count(ctx, s.read, f)
}

func count(ctx context.Context, q querier, f sim.LogFilter) (int, error) {
	query, args := countQuery(f)
	var n int
	if err := q.QueryRowContext(ctx, query, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("counting the log: %w", err)
	}
	return n, nil
}

// countQuery answers the questions a screen asks after every lookup — all
// rows, one handle's rows either way, mine or not mine — from the counts
// the triggers keep (see migrations), and anything else by counting.
func countQuery(f sim.LogFilter) (string, []any) {
	f.Offset, f.Limit = 0, 0
	const (
		all     = "(SELECT rows FROM log_stats WHERE id = 1)"
		sources = "coalesce((SELECT n FROM source_counts WHERE handle = ?), 0)"
		lookups = "coalesce((SELECT n FROM lookup_counts WHERE handle = ?), 0)"
	)
	switch h := string(f.Source + f.Lookup + f.NotSource + f.Either); {
	case f == sim.LogFilter{}:
		return "SELECT " + all, nil
	case f == sim.LogFilter{Source: f.Source}:
		return "SELECT " + sources, []any{h}
	case f == sim.LogFilter{Lookup: f.Lookup}:
		return "SELECT " + lookups, []any{h}
	case f == sim.LogFilter{NotSource: f.NotSource}:
		return "SELECT " + all + " - " + sources, []any{h}
	case f == sim.LogFilter{Either: f.Either}:
		// The rows it made, plus the rows others made looking it up: the
		// second half is a range of the lookup index, small for a person.
		return "SELECT " + sources + " + (SELECT count(*) FROM log WHERE lookup_handle = ? AND source_handle <> ?)", []any{h, h, h}
	}
	if f.Either != "" {
		made, lookedUp, args := eitherHalves(f)
		return "SELECT (SELECT count(*) FROM log WHERE " + made + ") + (SELECT count(*) FROM log WHERE " + lookedUp + ")", args
	}
	cond, args := where(f)
	return "SELECT count(*) FROM log" + cond, args
}

// Purge implements sim.LogStore: rows older than before go, with their
// truth, in one transaction.
func (s *Store) Purge(ctx context.Context, before time.Time) (int, error) {
	ns := boundNano(before)
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return 0, s.failed(fmt.Errorf("purging the log: %w", err))
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	if _, err := tx.ExecContext(ctx, "DELETE FROM ground_truth WHERE log_id IN (SELECT id FROM log WHERE time_ns < ?)", ns); err != nil {
		return 0, s.failed(fmt.Errorf("purging the ground truth: %w", err))
	}
	res, err := tx.ExecContext(ctx, "DELETE FROM log WHERE time_ns < ?", ns)
	if err != nil {
		return 0, s.failed(fmt.Errorf("purging the log: %w", err))
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, s.failed(fmt.Errorf("purging the log: %w", err))
	}
	if err := tx.Commit(); err != nil {
		return 0, s.failed(fmt.Errorf("purging the log: %w", err))
	}
	return int(n), nil
}

// MarkMessaged implements sim.LogStore.
func (s *Store) MarkMessaged(ctx context.Context, source, lookup sim.Handle, at time.Time) error {
	ns := boundNano(at)
	if _, err := s.stmts.markMessaged.ExecContext(ctx, string(source), string(lookup), ns); err != nil {
		return s.failed(fmt.Errorf("recording ground truth: %w", err))
	}
	return nil
}

// Truths implements sim.LogStore. The IDs travel as one JSON array, so any
// number of them fits in a single query.
func (s *Store) Truths(ctx context.Context, ids []int64) (map[int64]sim.Truth, error) {
	out := make(map[int64]sim.Truth, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return nil, err
	}
	rows, err := s.read.QueryContext(ctx, "SELECT log_id, app, action, messaged FROM ground_truth "+
		"WHERE log_id IN (SELECT value FROM json_each(?))", string(list))
	if err != nil {
		return nil, fmt.Errorf("reading ground truth: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var t sim.Truth
		if err := rows.Scan(&id, &t.App, &t.Action, &t.Messaged); err != nil {
			return nil, fmt.Errorf("reading ground truth: %w", err)
		}
		out[id] = t
	}
	return out, rows.Err()
}

// ServerTime implements sim.ClockStore: the latest time Apple's server has
// seen, zero for a new log.
func (s *Store) ServerTime(ctx context.Context) (time.Time, error) {
	var ns sql.NullInt64
	if err := s.read.QueryRowContext(ctx, "SELECT time_ns FROM server_clock WHERE id = 1").Scan(&ns); err != nil {
		return time.Time{}, fmt.Errorf("reading the server clock: %w", err)
	}
	if !ns.Valid {
		return time.Time{}, nil
	}
	return fromUnixNano(ns.Int64), nil
}

// SetServerTime implements sim.ClockStore; the clock never moves back, and
// a zero t changes nothing.
func (s *Store) SetServerTime(ctx context.Context, t time.Time) error {
	if t.IsZero() {
		return nil
	}
	ns, err := unixNano(t)
	if err != nil {
		return err
	}
	if _, err := s.stmts.setClock.ExecContext(ctx, ns); err != nil {
		return s.failed(fmt.Errorf("recording the server clock: %w", err))
	}
	return nil
}

// Stats implements sim.LogStats: the row count and the number of distinct
// lookup handles, as the triggers keep them (see migrations).
func (s *Store) Stats(ctx context.Context) (rows, distinctLookups int, err error) {
	const query = `SELECT rows, lookups FROM log_stats WHERE id = 1`
	if err := s.read.QueryRowContext(ctx, query).Scan(&rows, &distinctLookups); err != nil {
		return 0, 0, fmt.Errorf("counting the log: %w", err)
	}
	return rows, distinctLookups, nil
}
