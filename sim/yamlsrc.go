package sim

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/scanner"
	"github.com/goccy/go-yaml/token"
)

// YAMLSource is a decoded YAML file that can still point at its own lines,
// so checks made after decoding (a bad handle, an unknown key name) report
// file:line:col like the decoder's own errors.
type YAMLSource struct {
	file string
	ast  *ast.File
}

// The bounds of every YAML file bluegreen reads (scenarios and demo
// scripts). Real files are a few KiB and a handful of levels deep; the
// bounds are checked on the tokens, before the parser builds anything, so
// no file can make loading take more than a moment or a few megabytes.
const (
	// MaxYAMLBytes is the largest YAML file bluegreen reads.
	MaxYAMLBytes = 256 << 10
	// MaxYAMLDepth is how deeply lists and maps may nest.
	MaxYAMLDepth = 32
	// MaxYAMLTokens bounds the keys, values and punctuation of one file
	// (the built-in scenarios have a few hundred).
	MaxYAMLTokens = 20000
)

// ReadYAMLFile reads a YAML file through the size limit: regular files
// only (a FIFO, a device such as /dev/zero or a directory is refused
// without reading a byte, and opening never blocks), and never more than
// MaxYAMLBytes+1 bytes, whatever the file's size claims.
func ReadYAMLFile(path string) ([]byte, error) {
	f, err := openNonBlocking(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, &ScenarioError{File: path, Msg: fmt.Sprintf("not a regular file (%s): give a YAML file", fileKind(info.Mode()))}
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxYAMLBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxYAMLBytes {
		return nil, &ScenarioError{File: path, Msg: fmt.Sprintf("larger than %d bytes: not a bluegreen file", MaxYAMLBytes)}
	}
	return data, nil
}

func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeDevice != 0 || m&fs.ModeCharDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return m.Type().String()
}

// DecodeYAML strictly decodes data (unknown keys are errors) into v, after
// checking the bounds: at most MaxYAMLBytes, MaxYAMLDepth levels, one
// document, and no anchors or aliases (nothing bluegreen reads needs them,
// and an alias of an alias of a list is how a small file becomes billions
// of values). Every error is a *ScenarioError naming file, line and column.
func DecodeYAML(file string, data []byte, v any) (src *YAMLSource, err error) {
	// A bug in the YAML library must not crash bluegreen (the fuzzer found
	// one, now refused earlier): it is reported as the file being unreadable.
	defer func() {
		if r := recover(); r != nil {
			src, err = nil, &ScenarioError{File: file, Msg: fmt.Sprintf("the YAML reader failed on this file (%v)", r)}
		}
	}()
	if len(data) > MaxYAMLBytes {
		return nil, &ScenarioError{File: file, Msg: fmt.Sprintf("larger than %d bytes: not a bluegreen file", MaxYAMLBytes)}
	}
	tokens, err := scanTokens(file, data)
	if err != nil {
		return nil, err
	}
	f, err := parser.Parse(tokens, 0)
	if err != nil {
		return nil, yamlError(file, err)
	}
	if len(f.Docs) > 1 {
		return nil, &ScenarioError{File: file, Msg: "holds more than one YAML document: give one"}
	}
	if len(f.Docs) == 1 && f.Docs[0].Body != nil {
		if err := yaml.NodeToValue(f.Docs[0].Body, v, decodeOptions()...); err != nil {
			return nil, valueError(file, f, err)
		}
	}
	return &YAMLSource{file: file, ast: f}, nil
}

// decodeOptions make decoding as strict about values as about keys: a
// misspelt date is an error at its line, not a zero time that a later
// check calls "required"; 2.5 devices and a chance of .nan are refused.
func decodeOptions() []yaml.DecodeOption {
	return []yaml.DecodeOption{
		yaml.Strict(),
		yaml.CustomUnmarshaler(decodeTime),
		yaml.CustomUnmarshaler(decodeInt),
		yaml.CustomUnmarshaler(decodeFloat),
	}
}

// badValue is a scalar the decode options refused. The decoder does not
// say where it was, so valueError finds the scalar in the file.
type badValue struct {
	text string
	err  error
}

func (e *badValue) Error() string { return e.err.Error() }

// valueError points a refused value at its line: the first scalar in the
// file with that text, the one the decoder met first in all but contrived
// files.
func valueError(file string, f *ast.File, err error) error {
	var bad *badValue
	if !errors.As(err, &bad) {
		return yamlError(file, err)
	}
	e := &ScenarioError{File: file, Msg: oneLine(bad.Error())}
	finder := &scalarFinder{text: bad.text}
	for _, doc := range f.Docs {
		ast.Walk(finder, doc)
	}
	if finder.found != nil {
		e.Line, e.Column = finder.found.Position.Line, finder.found.Position.Column
	}
	return e
}

// scalarFinder walks a YAML tree for the first scalar token with a text.
type scalarFinder struct {
	text  string
	found *token.Token
}

// Visit implements ast.Visitor.
func (s *scalarFinder) Visit(n ast.Node) ast.Visitor {
	if s.found != nil || n == nil {
		return nil
	}
	if _, ok := n.(ast.ScalarNode); ok {
		if tk := n.GetToken(); tk != nil && tk.Value == s.text {
			s.found = tk
			return nil
		}
	}
	return s
}

// decodeTime reads an RFC 3339 time or a bare date (midnight UTC) in the
// supported dates.
func decodeTime(t *time.Time, b []byte) error {
	text := yamlScalar(b)
	parsed, err := time.Parse(time.RFC3339Nano, text)
	if err != nil {
		if parsed, err = time.Parse(time.DateOnly, text); err != nil {
			return &badValue{text, fmt.Errorf("%q is not a time: want RFC 3339, e.g. 2016-09-26T16:00:00Z", text)}
		}
	}
	if err := CheckTime(parsed); err != nil {
		return &badValue{text, err}
	}
	*t = parsed.UTC()
	return nil
}

func decodeInt(n *int, b []byte) error {
	text := yamlScalar(b)
	v, err := strconv.ParseInt(text, 10, 0)
	if err != nil {
		return &badValue{text, fmt.Errorf("%q is not a whole number", text)}
	}
	*n = int(v)
	return nil
}

func decodeFloat(f *float64, b []byte) error {
	text := yamlScalar(b)
	v, err := strconv.ParseFloat(text, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return &badValue{text, fmt.Errorf("%q is not a finite number", text)}
	}
	*f = v
	return nil
}

// yamlScalar is a scalar's text without surrounding quotes or spaces.
func yamlScalar(b []byte) string {
	s := strings.TrimSpace(string(b))
	if len(s) >= 2 && (s[0] == '"' && s[len(s)-1] == '"' || s[0] == '\'' && s[len(s)-1] == '\'') {
		s = s[1 : len(s)-1]
	}
	return s
}

// scanTokens splits data into tokens, checking each as it comes so a
// hostile file is refused before it is even fully scanned.
func scanTokens(file string, data []byte) (token.Tokens, error) {
	var sc scanner.Scanner
	sc.Init(string(data))
	var tokens token.Tokens
	check := tokenChecker{file: file}
	for {
		more, err := sc.Scan()
		if errors.Is(err, io.EOF) {
			return tokens, nil
		}
		for _, tk := range more {
			if err := check.next(tk, tokens); err != nil {
				return nil, err
			}
			tokens.Add(tk)
		}
	}
}

// tokenChecker refuses anchors, aliases, merge keys, more than
// MaxYAMLTokens tokens and nesting deeper than MaxYAMLDepth. Flow
// collections ([ ] { }) count one level each; block collections one level
// per deeper indentation of their entries or keys.
type tokenChecker struct {
	file  string
	count int
	flow  int
	block []int // the columns of the open block collections
}

func (c *tokenChecker) next(tk *token.Token, before token.Tokens) error {
	at := func(format string, args ...any) error {
		return &ScenarioError{File: c.file, Line: tk.Position.Line, Column: tk.Position.Column, Msg: fmt.Sprintf(format, args...)}
	}
	if c.count++; c.count > MaxYAMLTokens {
		return at("more than %d YAML tokens: not a bluegreen file", MaxYAMLTokens)
	}
	switch tk.Type {
	case token.InvalidType:
		return at("%s", oneLine(tk.Error))
	case token.AnchorType, token.AliasType, token.MergeKeyType:
		return at("YAML anchors, aliases and merge keys (&, *, <<) are not supported: write each value out")
	case token.TagType:
		return at("YAML tags (!, !!) are not supported: write the plain value")
	case token.SequenceStartType, token.MappingStartType:
		c.flow++
	case token.SequenceEndType, token.MappingEndType:
		c.flow = max(c.flow-1, 0)
	case token.SequenceEntryType:
		c.block = openBlock(c.block, tk.Position.Column)
	case token.MappingValueType:
		if c.flow == 0 && len(before) > 0 {
			c.block = openBlock(c.block, before[len(before)-1].Position.Column)
		}
	}
	if c.flow+len(c.block) > MaxYAMLDepth {
		return at("nested more than %d levels deep", MaxYAMLDepth)
	}
	return nil
}

// openBlock keeps the stack of block-collection columns: an entry at a
// column closes every collection indented deeper and opens one when it is
// deeper than all of them.
func openBlock(stack []int, col int) []int {
	for len(stack) > 0 && stack[len(stack)-1] > col {
		stack = stack[:len(stack)-1]
	}
	if len(stack) == 0 || stack[len(stack)-1] < col {
		stack = append(stack, col)
	}
	return stack
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
