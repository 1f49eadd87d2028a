package app

import (
	"slices"
)

// Pane identifies one of the three panes.
type Pane int

// The panes, in tab order.
const (
	PanePhone Pane = iota
	PaneWire
	PaneLog
	paneCount
)

// String is the pane's tab label.
func (p Pane) String() string {
	return [...]string{"Phone", "Wire", "Apple's log"}[p]
}

// Mode is how the window is divided.
type Mode int

// Layout modes by window width.
const (
	TooSmall Mode = iota // below MinWidth × MinHeight: ask for a larger window
	Narrow               // < 100 columns: one pane at a time, with tabs
	Medium               // 100–149: phone beside wire and log stacked
	Wide                 // ≥ 150: three panes side by side
	Stacked              // a demo step's panes one under another, each the full width
)

// Size thresholds of the layout.
const (
	MinWidth      = 60
	MinHeight     = 16
	MediumWidth   = 100
	WideWidth     = 150
	captionHeight = 2 // lines of caption in windows of MediumWidth and more
	narrowCaption = 3 // narrower windows wrap the same sentence onto more lines
	helpHeight    = 1
	tabsHeight    = 1
)

// Rect is a rectangle of terminal cells.
type Rect struct{ X, Y, W, H int }

// Empty reports whether the rectangle has no cells.
func (r Rect) Empty() bool { return r.W <= 0 || r.H <= 0 }

// Contains reports whether cell (x, y) is inside r.
func (r Rect) Contains(x, y int) bool {
	return x >= r.X && x < r.X+r.W && y >= r.Y && y < r.Y+r.H
}

// Layout places everything on the screen for one window size.
type Layout struct {
	Mode    Mode
	W, H    int
	Tabs    Rect
	Panes   [paneCount]Rect // empty when a pane is hidden (narrow mode)
	Caption Rect
	Help    Rect
}

// ComputeLayout divides a w × h window; active is the pane shown in
// narrow mode. It is a pure function of its inputs.
func ComputeLayout(w, h int, active Pane) Layout {
	return computeLayout(w, h, active, false, 0)
}

// ComputeLayoutFor is ComputeLayout with a caption of captionLines lines:
// the caption area grows to hold it (up to a third of the window), so a
// caption is never cut.
func ComputeLayoutFor(w, h int, active Pane, showRet bool, captionLines int) Layout {
	return computeLayout(w, h, active, showRet, captionLines)
}

// ComputeReturnLayout is the layout while the log pane shows a return,
// whose printed lines are wider than a third of the screen: the wire pane
// gives its room to the log pane.
func ComputeReturnLayout(w, h int, active Pane) Layout {
	return computeLayout(w, h, active, true, 0)
}

func computeLayout(w, h int, active Pane, wideLog bool, captionLines int) Layout {
	l := Layout{W: w, H: h}
	if w < MinWidth || h < MinHeight {
		return l
	}
	capH := captionHeight
	if w < MediumWidth {
		capH = narrowCaption
	}
	capH = max(capH, min(captionLines, h/3))
	bodyH := h - capH - helpHeight
	l.Caption = Rect{0, bodyH, w, capH}
	l.Help = Rect{0, bodyH + capH, w, helpHeight}
	switch {
	case w >= WideWidth:
		l.Mode = Wide
		phoneW := w * 28 / 100
		wireW := (w - phoneW) * 38 / 100
		l.Panes[PanePhone] = Rect{0, 0, phoneW, bodyH}
		if wideLog {
			l.Panes[PaneLog] = Rect{phoneW, 0, w - phoneW, bodyH}
			break
		}
		l.Panes[PaneWire] = Rect{phoneW, 0, wireW, bodyH}
		l.Panes[PaneLog] = Rect{phoneW + wireW, 0, w - phoneW - wireW, bodyH}
	case w >= MediumWidth:
		l.Mode = Medium
		phoneW := w * 38 / 100
		wireH := bodyH * 45 / 100
		if wideLog {
			// A return's printed rows need about 95 columns: below the wide
			// layout it takes the whole width (alt+v brings the phone back).
			l.Panes[PaneLog] = Rect{0, 0, w, bodyH}
			break
		}
		l.Panes[PanePhone] = Rect{0, 0, phoneW, bodyH}
		l.Panes[PaneWire] = Rect{phoneW, 0, w - phoneW, wireH}
		l.Panes[PaneLog] = Rect{phoneW, wireH, w - phoneW, bodyH - wireH}
	default:
		l.Mode = Narrow
		l.Tabs = Rect{0, 0, w, tabsHeight}
		l.Panes[active] = Rect{0, tabsHeight, w, bodyH - tabsHeight}
	}
	return l
}

// BodyHeight is the height above the caption: what panes or an overlay fill.
func (l Layout) BodyHeight() int { return l.Caption.Y }

// ComputePresenterLayout shows only the panes a demo step needs, side by
// side in their usual order, as many as fit at a readable width (at least
// 60 columns each) — the first listed are the ones kept. When the log is
// shown and its rows need more than its share (logNeeds columns), the panes
// are stacked instead, each the full width: a bigger window never gives the
// log a worse table.
func ComputePresenterLayout(w, h int, panes []Pane, logNeeds, captionLines int) Layout {
	l := computeLayout(w, h, panes[0], false, captionLines)
	if l.Mode == TooSmall {
		return l
	}
	n := min(len(panes), max(w/60, 1))
	l.Mode, l.Tabs, l.Panes = Wide, Rect{}, [paneCount]Rect{}
	// The presenter bar carries the keys: the app's help line gives its row
	// to the panes, and the caption moves down into it.
	l.Caption.Y++
	l.Help = Rect{}
	kept := append([]Pane(nil), panes[:n]...)
	slices.Sort(kept)
	if n > 1 && slices.Contains(kept, PaneLog) && w/n < logNeeds {
		return stackPanes(l, kept)
	}
	x := 0
	for i, p := range kept {
		pw := w / n
		if i == n-1 {
			pw = w - x
		}
		l.Panes[p] = Rect{x, 0, pw, l.BodyHeight()}
		x += pw
	}
	return l
}

// stackPanes puts panes one under another at the full width, sharing the
// height equally (the last takes what is left).
func stackPanes(l Layout, panes []Pane) Layout {
	l.Mode = Stacked
	y, body := 0, l.BodyHeight()
	for i, p := range panes {
		ph := body / len(panes)
		if i == len(panes)-1 {
			ph = body - y
		}
		l.Panes[p] = Rect{0, y, l.W, ph}
		y += ph
	}
	return l
}

// Visible reports whether pane p is on screen (or, in narrow mode, has a tab).
func (l Layout) Visible(p Pane) bool { return l.Mode == Narrow || !l.Panes[p].Empty() }

// PaneAt returns the pane under cell (x, y).
func (l Layout) PaneAt(x, y int) (Pane, bool) {
	for p := PanePhone; p < paneCount; p++ {
		if l.Panes[p].Contains(x, y) {
			return p, true
		}
	}
	return 0, false
}
