package overlay

import "bluegreen/tui/common"

// HelpLines is the full key list, one binding a line under its group's
// heading, so it reads at any width (help.FullHelpView's side-by-side
// columns do not fit 80 columns). It is derived from the key map: a
// disabled binding is left out.
func HelpLines(keys common.KeyMap, s common.Styles, w int) []string {
	lines := append(common.StyleAll(s.Faint, common.Wrap("Letters, digits and symbols always type into the phone's fields; actions use enter, esc, tab, ctrl, alt and F-keys.", w)), "")
	for i, group := range keys.FullHelp() {
		lines = append(lines, s.Bold.Render(keys.GroupNames()[i]))
		for _, b := range group {
			if !b.Enabled() {
				continue
			}
			h := b.Help()
			lines = append(lines, "  "+s.HelpKey.Render(common.Fit(h.Key, 22))+" "+s.HelpDesc.Render(h.Desc))
		}
		lines = append(lines, "")
	}
	return append(lines, s.Faint.Render("Blue ■ iMessage · green □ SMS/MMS · ◆ RCS · red ! failed · … waiting for Apple."))
}
