package lessons

import (
	"regexp"
	"strings"
	"testing"

	"bluegreen/tui/common"
)

// emphasis matches markdown's **strong** or *emphasis* markers around a word.
var emphasis = regexp.MustCompile(`\*\*\S|\S\*\*|(^|\s)\*\w|\w\*($|[\s.,;:)])`)

// No card shows markdown's markers in any theme: a heading is drawn as a
// heading, never as "# Title", emphasis never as **this** or *this*
// (under NO_COLOR the notty style printed all three).
func TestLessonCardsShowNoMarkdownMarkers(t *testing.T) {
	for _, name := range common.ThemeNames() {
		theme, err := common.ThemeByName(name, true)
		if err != nil {
			t.Fatal(err)
		}
		s := common.NewStyles(theme)
		for _, topic := range LessonTopics() {
			for _, w := range []int{76, 156} {
				out, err := RenderLesson(topic, w, s)
				if err != nil {
					t.Fatalf("%s %s w%d: %v", name, topic, w, err)
				}
				for i, l := range strings.Split(out, "\n") {
					if f := strings.Fields(l); len(f) > 0 && strings.Trim(f[0], "#") == "" {
						t.Errorf("theme %s, card %s, width %d, line %d shows a heading marker: %q", name, topic, w, i+1, l)
					}
					if m := emphasis.FindString(l); m != "" {
						t.Errorf("theme %s, card %s, width %d, line %d shows emphasis markers %q: %q", name, topic, w, i+1, m, l)
					}
				}
			}
		}
	}
}
