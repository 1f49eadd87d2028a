package sqlitelog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// ClassInfo is the class a database holds: the scenario it is taught on
// and when it began on the class clock.
type ClassInfo struct {
	Scenario string
	Began    time.Time
}

// ClassMember is one student of the class, as kept across restarts of
// the server: what makes their phone theirs, and nothing secret.
type ClassMember struct {
	Seat           int // join order from 1: it seeds the phone's fake tokens
	Name           string
	Number         string // the phone's handle, "tel:+1…"
	WiFiIP, CellIP string
	Android        bool
	KeyFingerprint string // "SHA256:…" of the student's SSH key; "" for one who joined without a key
	Joined         time.Time
}

// Bounds on what a class's tables may hold: a hostile or corrupt file
// gets an error, not a read of whatever it claims.
const (
	// MaxClassMembers is the most students a database's roster may hold
	// (a class hands out 200 fictional numbers at most).
	MaxClassMembers = 1000
	// MaxClassField is the most bytes any text of a class may have: a
	// name is 24 runes of at most 4 bytes, a fingerprint 50 bytes.
	MaxClassField = 256
	// classReadTime bounds reading the class, however the file is built.
	classReadTime = 10 * time.Second
)

// ErrBadClass is returned (wrapped) when the class tables hold what no
// bluegreen writes: fields too long or of the wrong type, too many rows.
// Nothing has been changed.
var ErrBadClass = errors.New("the class roster in the database is damaged")

// Class reads the class the database holds and its roster in join order;
// ok is false when no class was ever served on it. Every field is checked
// for its type and size before it is read.
func (s *Store) Class(ctx context.Context) (info ClassInfo, members []ClassMember, ok bool, err error) {
	ctx, cancel := context.WithTimeout(ctx, classReadTime)
	defer cancel()
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return ClassInfo{}, nil, false, s.classErr("reading the class", err)
	}
	defer tx.Rollback() //nolint:errcheck // read-only: nothing to keep
	info, ok, err = s.readClassInfo(ctx, tx)
	if err != nil || !ok {
		return ClassInfo{}, nil, false, err
	}
	if err := checkMembers(ctx, tx); err != nil {
		return ClassInfo{}, nil, false, err
	}
	members, err = readMembers(ctx, tx)
	if err != nil {
		return ClassInfo{}, nil, false, s.classErr("reading the class roster", err)
	}
	return info, members, true, nil
}

func (s *Store) readClassInfo(ctx context.Context, tx *sql.Tx) (ClassInfo, bool, error) {
	var n, bad int
	err := tx.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(typeof(scenario) <> 'text' OR length(CAST(scenario AS BLOB)) > ?
		OR typeof(began_ns) <> 'integer'), 0) FROM class`, MaxClassField).Scan(&n, &bad)
	switch {
	case err != nil:
		return ClassInfo{}, false, s.classErr("reading the class", err)
	case n == 0:
		return ClassInfo{}, false, nil
	case n > 1 || bad > 0:
		return ClassInfo{}, false, fmt.Errorf("%w: its class table holds %d rows, %d of them not a scenario name and a time", ErrBadClass, n, bad)
	}
	var info ClassInfo
	var began int64
	if err := tx.QueryRowContext(ctx, "SELECT scenario, began_ns FROM class").Scan(&info.Scenario, &began); err != nil {
		return ClassInfo{}, false, s.classErr("reading the class", err)
	}
	info.Began = fromUnixNano(began)
	return info, true, nil
}

// checkMembers refuses a roster too long, or with a field of the wrong
// type or too long to be a student's, before a byte of it is read.
func checkMembers(ctx context.Context, tx *sql.Tx) error {
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM class_students").Scan(&n); err != nil {
		return fmt.Errorf("%w: %v", ErrBadClass, err)
	}
	if n > MaxClassMembers {
		return fmt.Errorf("%w: it lists %d students, more than the %d any class holds", ErrBadClass, n, MaxClassMembers)
	}
	var seat sql.NullInt64
	err := tx.QueryRowContext(ctx, `SELECT seat FROM class_students WHERE
		typeof(seat) <> 'integer' OR typeof(joined_ns) <> 'integer' OR android NOT IN (0, 1) OR typeof(android) <> 'integer' OR
		typeof(name) <> 'text' OR typeof(number) <> 'text' OR typeof(wifi_ip) <> 'text' OR typeof(cell_ip) <> 'text' OR
		(key_sha256 IS NOT NULL AND typeof(key_sha256) <> 'text') OR
		max(length(CAST(name AS BLOB)), length(CAST(number AS BLOB)), length(CAST(wifi_ip AS BLOB)),
		    length(CAST(cell_ip AS BLOB)), coalesce(length(CAST(key_sha256 AS BLOB)), 0)) > ?
		LIMIT 1`, MaxClassField).Scan(&seat)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil
	case err != nil:
		return fmt.Errorf("%w: %v", ErrBadClass, err)
	}
	return fmt.Errorf("%w: the student in seat %d has a field of the wrong type or longer than %d bytes", ErrBadClass, seat.Int64, MaxClassField)
}

func readMembers(ctx context.Context, tx *sql.Tx) ([]ClassMember, error) {
	rows, err := tx.QueryContext(ctx, `SELECT seat, name, number, wifi_ip, cell_ip, android, coalesce(key_sha256, ''), joined_ns
		FROM class_students ORDER BY seat`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ClassMember
	for rows.Next() {
		var m ClassMember
		var joined int64
		if err := rows.Scan(&m.Seat, &m.Name, &m.Number, &m.WiFiIP, &m.CellIP, &m.Android, &m.KeyFingerprint, &joined); err != nil {
			return nil, err
		}
		m.Joined = fromUnixNano(joined)
		out = append(out, m)
	}
	return out, rows.Err()
}

// BeginClass starts a new class on the database: the roster of any class
// before it is forgotten (Apple's log keeps its rows). Like a join, it
// moves the server clock up to when the class began.
func (s *Store) BeginClass(ctx context.Context, info ClassInfo) error {
	began, err := unixNano(info.Began)
	if err != nil {
		return err
	}
	return s.classTx(ctx, "starting the class", func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM class_students"); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "INSERT OR REPLACE INTO class(id, scenario, began_ns) VALUES (1, ?, ?)", info.Scenario, began); err != nil {
			return err
		}
		_, err := tx.StmtContext(ctx, s.stmts.setClock).ExecContext(ctx, began)
		return err
	})
}

// AddClassMember puts a student who has just joined on the roster; it
// returns only when the row is on stable storage. The server clock moves
// up to the join in the same transaction, so a restarted class's clock
// never starts before a student on its roster joined.
func (s *Store) AddClassMember(ctx context.Context, m ClassMember) error {
	joined, err := unixNano(m.Joined)
	if err != nil {
		return err
	}
	var key any
	if m.KeyFingerprint != "" {
		key = m.KeyFingerprint
	}
	return s.classTx(ctx, "adding "+m.Name+" to the class roster", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO class_students(seat, name, number, wifi_ip, cell_ip, android, key_sha256, joined_ns)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, m.Seat, m.Name, m.Number, m.WiFiIP, m.CellIP, m.Android, key, joined)
		if err != nil {
			return err
		}
		_, err = tx.StmtContext(ctx, s.stmts.setClock).ExecContext(ctx, joined)
		return err
	})
}

// SetClassPlatforms records which students' phones are Android (true)
// or iPhones, by number, in one transaction.
func (s *Store) SetClassPlatforms(ctx context.Context, android map[string]bool) error {
	return s.classTx(ctx, "recording the class's phones", func(tx *sql.Tx) error {
		for number, a := range android {
			if _, err := tx.ExecContext(ctx, "UPDATE class_students SET android = ? WHERE number = ?", a, number); err != nil {
				return err
			}
		}
		return nil
	})
}

// classTx runs one write to the class tables as a transaction.
func (s *Store) classTx(ctx context.Context, what string, write func(*sql.Tx) error) error {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return s.failed(fmt.Errorf("%s: %w", what, err))
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	if err := write(tx); err != nil {
		return s.failed(fmt.Errorf("%s: %w", what, err))
	}
	if err := tx.Commit(); err != nil {
		return s.failed(fmt.Errorf("%s: %w", what, err))
	}
	return nil
}

// classErr names the file in an error reading the class.
func (s *Store) classErr(what string, err error) error {
	return s.failed(fmt.Errorf("%s: %w", what, err))
}
