package serve

import (
	"context"
	"strings"
	"testing"

	"bluegreen/sim"
	"bluegreen/sim/discovery"
)

// TestTheInstructorSwitchesTheClassToHashed: over SSH the instructor
// presses the design key once; a student's next lookup is logged as a
// hash, their wire shows the sealed query, and their screen names the
// design. A student who joins afterwards runs it too.
func TestTheInstructorSwitchesTheClassToHashed(t *testing.T) {
	tc := startClass(t)
	kim := tc.dial(t, "student", newSigner(t), 160, 50)
	kim.join("Kim")
	lee := tc.dial(t, "student", newSigner(t), 160, 50)
	lee.join("Lee")
	console := tc.dial(t, InstructorUser, tc.instructor, 160, 50)
	console.waitFor("the console", "INSTRUCTOR", "design apple")
	console.send("D")
	console.waitFor("the switch", "design hashed", "Design hashed for the class")
	kim.waitFor("Kim is told", "design hashed")
	if tc.class.Design() != sim.DesignHashed {
		t.Fatalf("the class runs %s after the switch", tc.class.Design())
	}
	kim.lookUp(studentNumber(2))
	hash := discovery.HashHandle(handle(t, studentNumber(2))).String()
	scr := kim.waitFor("Kim's wire and caption", "design hashed", hash[:12], "Apple logged a hash of")
	if strings.Contains(scr, "alt+b") {
		t.Errorf("Kim's screen offers the app's reversal key, which a student does not have:\n%s", scr)
	}
	rows, err := tc.store.Entries(context.Background(), sim.LogFilter{Source: handle(t, studentNumber(1))})
	if err != nil || len(rows) != 1 {
		t.Fatalf("Kim's rows: %v, %v", rows, err)
	}
	if r := rows[0]; r.Design != sim.DesignHashed || string(r.LookupHandle) != hash {
		t.Errorf("Kim's row is %s %q, want hashed %q", r.Design, r.LookupHandle, hash)
	}
	max := tc.dial(t, "student", newSigner(t), 160, 50)
	max.join("Max")
	max.waitFor("Max, joining after the switch, is told", "design hashed")
	console.waitFor("the console names the design", "design hashed", "3 students")
}

// A student away during a design switch is told of it when they come
// back to their phone, as the students who stayed were.
func TestAStudentAwayDuringASwitchIsToldOnReturn(t *testing.T) {
	tc := startClass(t)
	key := newSigner(t)
	lee := tc.dial(t, "student", key, 160, 50)
	lee.join("Lee")
	lee.close()
	console := tc.dial(t, InstructorUser, tc.instructor, 160, 50)
	console.waitFor("the console", "design apple")
	console.send("D")
	console.waitFor("the switch", "design hashed")
	back := tc.dial(t, "student", key, 160, 50)
	back.waitFor("Lee returns and is told", "Lee", "switched the class's Apple to design hashed", "design hashed (comparison)")
}
