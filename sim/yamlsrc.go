package sim

import (
	"errors"
	"fmt"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// YAMLSource is a decoded YAML file that can still point at its own lines,
// so checks made after decoding (a bad handle, an unknown key name) report
// file:line:col like the decoder's own errors.
type YAMLSource struct {
	file string
	ast  *ast.File
}

// DecodeYAML strictly decodes data (unknown keys are errors) into v. Every
// error is a *ScenarioError naming file, line and column.
func DecodeYAML(file string, data []byte, v any) (*YAMLSource, error) {
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, yamlError(file, err)
	}
	if err := yaml.UnmarshalWithOptions(data, v, yaml.Strict()); err != nil {
		return nil, yamlError(file, err)
	}
	return &YAMLSource{file: file, ast: f}, nil
}

// File is the name errors use for the source.
func (y *YAMLSource) File() string { return y.file }

// ErrAt makes an error pointing at yamlPath (e.g. "$.steps[2].keys[0]"),
// or at its nearest parent that exists when the key itself is missing.
func (y *YAMLSource) ErrAt(yamlPath, format string, args ...any) error {
	e := &ScenarioError{File: y.file, Msg: strings.TrimPrefix(yamlPath, "$.") + ": " + fmt.Sprintf(format, args...)}
	for p := yamlPath; p != "$" && p != ""; p = parentPath(p) {
		if line, col, ok := y.position(p); ok {
			e.Line, e.Column = line, col
			break
		}
	}
	return e
}

func (y *YAMLSource) position(yamlPath string) (line, col int, ok bool) {
	p, err := yaml.PathString(yamlPath)
	if err != nil || y.ast == nil {
		return 0, 0, false
	}
	node, err := p.FilterFile(y.ast)
	if err != nil || node == nil || node.GetToken() == nil {
		return 0, 0, false
	}
	pos := node.GetToken().Position
	return pos.Line, pos.Column, true
}

func parentPath(p string) string {
	i := strings.LastIndexAny(p, ".[")
	if i <= 0 {
		return ""
	}
	return p[:i]
}

func yamlError(file string, err error) error {
	var ye yaml.Error
	if errors.As(err, &ye) && ye.GetToken() != nil {
		pos := ye.GetToken().Position
		return &ScenarioError{File: file, Line: pos.Line, Column: pos.Column, Msg: oneLine(ye.GetMessage())}
	}
	return &ScenarioError{File: file, Msg: oneLine(err.Error())}
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
