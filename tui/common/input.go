package common

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
)

// NewInput is a text field whose keys never collide with the app's:
// suggestions, clipboard and alt-word keys are left to the app.
func NewInput(prompt, placeholder string) textinput.Model {
	in := textinput.New()
	in.Prompt = prompt
	in.Placeholder = placeholder
	in.CharLimit = 320
	km := textinput.DefaultKeyMap()
	for _, b := range []*key.Binding{&km.AcceptSuggestion, &km.NextSuggestion, &km.PrevSuggestion, &km.Paste,
		&km.WordForward, &km.WordBackward, &km.DeleteWordForward} {
		b.SetEnabled(false)
	}
	km.DeleteWordBackward = key.NewBinding(key.WithKeys("alt+backspace", "ctrl+w"))
	in.KeyMap = km
	return in
}

// InputStyles are the text fields' styles: focused text in the body
// colour, blurred text and placeholders faint, the cursor in the focus colour.
func InputStyles(s Styles) textinput.Styles {
	return textinput.Styles{
		Focused: textinput.StyleState{Text: s.Text, Placeholder: s.Faint, Prompt: s.Bold},
		Blurred: textinput.StyleState{Text: s.Faint, Placeholder: s.Faint, Prompt: s.Faint},
		Cursor:  textinput.CursorStyle{Color: s.Theme.Focus, Blink: false},
	}
}
