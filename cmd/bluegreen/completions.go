package main

import (
	"bluegreen/sim"
	"bluegreen/tui/common"
	"bluegreen/tui/scripts"

	"github.com/spf13/cobra"
)

// registerCompletions teaches the shell completion script the names each
// flag and argument takes. It walks the finished command tree and matches
// flags by name, so a command added later gets the same completions
// without registering them itself.
func registerCompletions(root *cobra.Command) {
	values := map[string]func() []string{
		"scenario": scenarioNames,
		"theme":    common.ThemeNames,
		"trigger":  triggerNames,
		"design":   designNames,
		"space":    func() []string { return []string{"555-01xx", "415"} },
		"format":   func() []string { return []string{"text", "csv", "json"} },
		"kind":     func() []string { return []string{"pen-register", "trap-and-trace", "stored-records"} },
		"retention": func() []string {
			return []string{"2016", "today"}
		},
	}
	// A YAML file is as good as a built-in name for these.
	takesFiles := map[string]bool{"scenario": true, "space": true}
	walk(root, func(cmd *cobra.Command) {
		for name, list := range values {
			if cmd.Flags().Lookup(name) == nil && cmd.PersistentFlags().Lookup(name) == nil {
				continue
			}
			_ = cmd.RegisterFlagCompletionFunc(name, completeFrom(list, takesFiles[name]))
		}
	})
}

// completeFrom offers the names list returns, and files too when a YAML
// file is accepted in their place.
func completeFrom(list func() []string, files bool) cobra.CompletionFunc {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		if files {
			return list(), cobra.ShellCompDirectiveDefault
		}
		return list(), cobra.ShellCompDirectiveNoFileComp
	}
}

// completeScript offers the built-in demo scripts, and files, for play's
// one argument.
func completeScript(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return scripts.BuiltinNames(), cobra.ShellCompDirectiveDefault
}

func walk(cmd *cobra.Command, visit func(*cobra.Command)) {
	visit(cmd)
	for _, c := range cmd.Commands() {
		walk(c, visit)
	}
}

func scenarioNames() []string {
	list, err := sim.BuiltinScenarios()
	if err != nil {
		return nil
	}
	names := make([]string, 0, len(list))
	for _, s := range list {
		names = append(names, s.Name)
	}
	return names
}

func triggerNames() []string {
	names := []string{}
	for p := sim.AsYouType; p <= sim.OnSend; p++ {
		names = append(names, p.String())
	}
	return names
}

func designNames() []string {
	var out []string
	for _, d := range sim.Designs() {
		out = append(out, string(d))
	}
	return out
}
