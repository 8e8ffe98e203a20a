// Package markdown renders the bits of Markdown that schema descriptions share, so that every
// attribute lists its allowed values the same way in the generated docs.
package markdown

import (
	"fmt"
	"strings"
)

// CodeList renders values as a Markdown list of code spans, `a`, `b`, as every schema's
// descriptions list their allowed values.
func CodeList[T any](values []T) string {
	parts := make([]string, len(values))
	for i, v := range values {
		parts[i] = fmt.Sprintf("`%v`", v)
	}
	return strings.Join(parts, ", ")
}
