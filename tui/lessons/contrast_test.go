package lessons

import (
	"testing"

	"bluegreen/tui/common"
	"bluegreen/tui/tuitest"
)

// TestLessonCardContrast measures every colour pair of every card as each
// colour theme renders it (glamour's styles included), at truecolour, 256
// and 16 colours: 4.5:1 for text, 7:1 in high contrast.
func TestLessonCardContrast(t *testing.T) {
	for _, name := range tuitest.ColourThemes() {
		th, err := common.ThemeByName(name, true)
		if err != nil {
			t.Fatal(err)
		}
		s := common.NewStyles(th)
		for _, topic := range LessonTopics() {
			out, err := RenderLesson(topic, 80, s)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range tuitest.LowContrast(name, out) {
				t.Errorf("%s/%s: %s\n\tin line %q", name, topic, p, p.SampleLine)
			}
		}
	}
}
