package sqlitelog_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"bluegreen/sim/sqlitelog"
)

func member(seat int, name string) sqlitelog.ClassMember {
	return sqlitelog.ClassMember{
		Seat: seat, Name: name, Number: fmt.Sprintf("tel:+1415555%04d", 100+seat),
		WiFiIP: fmt.Sprintf("192.0.2.%d", 9+seat), CellIP: fmt.Sprintf("198.51.100.%d", 9+seat),
		KeyFingerprint: fmt.Sprintf("SHA256:%043d", seat), Joined: t0.Add(time.Duration(seat) * time.Minute),
	}
}

// The roster outlives the store: what was written comes back from the
// file in join order, with the platforms as last recorded.
func TestTheClassRosterIsKeptInTheFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "class.db")
	s := openAt(t, path)
	if _, _, ok, err := s.Class(ctx); ok || err != nil {
		t.Fatalf("a new file holds a class: %v, %v", ok, err)
	}
	info := sqlitelog.ClassInfo{Scenario: "Classroom", Began: t0}
	if err := s.BeginClass(ctx, info); err != nil {
		t.Fatal(err)
	}
	kim, lee := member(1, "Kim"), member(2, "Lee")
	lee.KeyFingerprint = "" // joined without a key
	for _, m := range []sqlitelog.ClassMember{kim, lee} {
		if err := s.AddClassMember(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.AddClassMember(ctx, member(3, "Kim")); err == nil {
		t.Error("a second Kim was added to the roster")
	}
	if err := s.SetClassPlatforms(ctx, map[string]bool{kim.Number: true}); err != nil {
		t.Fatal(err)
	}
	if clock, _ := s.ServerTime(ctx); !clock.Equal(lee.Joined) {
		t.Errorf("the server clock is %v after the last join at %v", clock, lee.Joined)
	}
	s.Close()

	s = openAt(t, path)
	gotInfo, got, ok, err := s.Class(ctx)
	kim.Android = true
	if err != nil || !ok || gotInfo != info || !reflect.DeepEqual(got, []sqlitelog.ClassMember{kim, lee}) {
		t.Fatalf("reopened: %+v %+v %v %v; want %+v %+v", gotInfo, got, ok, err, info, []sqlitelog.ClassMember{kim, lee})
	}
	if err := s.BeginClass(ctx, sqlitelog.ClassInfo{Scenario: "Classroom", Began: t0.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if _, got, ok, err := s.Class(ctx); err != nil || !ok || len(got) != 0 {
		t.Errorf("a new class still lists %v (%v, %v)", got, ok, err)
	}
}

// A roster someone built by hand — huge names, wrong types, too many
// rows, a missing table — is refused with ErrBadClass before it is read.
func TestAHostileRosterIsRefused(t *testing.T) {
	for _, tc := range []struct {
		why, sql string
	}{
		{"a name of a megabyte", "INSERT INTO class_students VALUES (1, hex(randomblob(500000)), 'tel:+14155550101', '192.0.2.10', '198.51.100.10', 0, NULL, 0)"},
		{"a name that is a blob", "INSERT INTO class_students VALUES (1, x'00ff', 'tel:+14155550101', '192.0.2.10', '198.51.100.10', 0, NULL, 0)"},
		{"a time that is text", "INSERT INTO class_students VALUES (1, 'Kim', 'tel:+14155550101', '192.0.2.10', '198.51.100.10', 0, NULL, 'noon')"},
		{"too many students", "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1001) " +
			"INSERT INTO class_students SELECT i, 'S' || i, 'n' || i, 'w' || i, 'c' || i, 0, NULL, 0 FROM n"},
		{"a table rebuilt without its checks", "DROP TABLE class_students; CREATE TABLE class_students(seat, name, number, wifi_ip, cell_ip, android, key_sha256, joined_ns);" +
			"INSERT INTO class_students VALUES (1.5, 'Kim', 'tel:+14155550101', '192.0.2.10', '198.51.100.10', 7, NULL, 0)"},
		{"a missing roster", "DROP TABLE class_students"},
		{"two classes", "DROP TABLE class; CREATE TABLE class(id, scenario, began_ns); INSERT INTO class VALUES (1, 'a', 0), (2, 'b', 0)"},
	} {
		t.Run(tc.why, func(t *testing.T) {
			ctx := context.Background()
			path := filepath.Join(t.TempDir(), "class.db")
			s := openAt(t, path)
			if err := s.BeginClass(ctx, sqlitelog.ClassInfo{Scenario: "Classroom", Began: t0}); err != nil {
				t.Fatal(err)
			}
			s.Close()
			db, err := sql.Open("sqlite", path)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.Exec(tc.sql); err != nil {
				t.Fatal(err)
			}
			db.Close()
			s = openAt(t, path)
			_, members, _, err := s.Class(ctx)
			if !errors.Is(err, sqlitelog.ErrBadClass) || members != nil {
				t.Errorf("Class() = %d members, %v; want ErrBadClass", len(members), err)
			}
			if err != nil && len(err.Error()) > 300 {
				t.Errorf("the error quotes too much: %d bytes", len(err.Error()))
			}
			if err != nil && strings.Contains(err.Error(), "panic") {
				t.Error(err)
			}
		})
	}
}
