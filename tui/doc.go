// Package tui is bluegreen's interactive screen, built with Bubble Tea v2
// as components composed by a thin shell. It holds no code; its packages:
//
//	common      the shared value every part gets: Styles from a Theme, the KeyMap, the size, the world's snapshot; frame helpers
//	phonepane   the mock Messages app (asks the shell to look up and send)
//	wirepane    the lookup on the wire, decoded (it travels as a gzipped plist inside APNs)
//	logpane     Apple's server log, every account (only the rows on screen); police get only a return
//	returnpane  the return for a served order, its productions and exports
//	orderform   the court-order form: pen register, trap and trace, stored records
//	overlay     full-screen overlays: help, lesson cards, sources
//	lessons     the lesson cards (markdown) and their rendering
//	app         the shell: global key table, focus, pure layout, the engine that owns the world
//	scripts     demo scripts (YAML) and their checks
//	present     the demo player: live, headless, recordings
package tui
