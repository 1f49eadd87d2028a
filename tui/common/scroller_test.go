package common

import (
	"fmt"
	"testing"
)

// The scroller never runs past its last screenful, so the way back starts
// at once; a taller frame clamps it; a cleared body keeps its place.
func TestScrollerClamps(t *testing.T) {
	s := NewScroller()
	lines := make([]string, 50)
	for i := range lines {
		lines[i] = fmt.Sprint("line ", i)
	}
	s.SetSize(20, 12) // 10 lines inside the frame
	s.SetLines(lines)
	s.Scroll(100)
	if s.Offset() != 40 || s.Visible()[0] != "line 40" {
		t.Fatalf("past the end: offset %d, want the last screenful at 40", s.Offset())
	}
	if s.Scroll(-1); s.Offset() != 39 {
		t.Fatalf("one up from the end: offset %d, want 39", s.Offset())
	}
	s.SetSize(20, 32) // 30 lines: the end is now at 20
	if s.Offset() != 20 {
		t.Fatalf("after growing: offset %d, want 20", s.Offset())
	}
	s.Clear()
	if len(s.Visible()) != 0 {
		t.Fatal("a cleared body still shows lines")
	}
	s.SetLines(lines)
	if s.Offset() != 20 {
		t.Errorf("laid out again after Clear: offset %d, want its place (20)", s.Offset())
	}
	if s.Bottom(); s.Offset() != 20 {
		t.Errorf("bottom: %d", s.Offset())
	}
	if s.Top(); s.Offset() != 0 {
		t.Errorf("top: %d", s.Offset())
	}
}
