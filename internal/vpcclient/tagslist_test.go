package vpcclient

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"testing"
)

// fakeLister serves pages of pairs, perPage at a time, and records each request.
type fakeLister struct {
	tags    map[string]map[string]string
	perPage int
	calls   [][]string
}

func (f *fakeLister) page(_ context.Context, ids []string, next string) (tagsPage, error) {
	if len(ids) > MaxIDsPerTagList {
		return tagsPage{}, fmt.Errorf("%d IDs in one request", len(ids))
	}
	if next == "" {
		f.calls = append(f.calls, ids)
	}
	var pairs []tagPair
	for _, id := range ids {
		for _, k := range slices.Sorted(maps.Keys(f.tags[id])) {
			pairs = append(pairs, tagPair{id, k, f.tags[id][k]})
		}
	}
	start, _ := strconv.Atoi(next)
	end := min(start+f.perPage, len(pairs))
	p := tagsPage{Pairs: pairs[start:end]}
	if end < len(pairs) {
		p.NextToken = strconv.Itoa(end)
	}
	return p, nil
}

func TestListByIDChunksAndPages(t *testing.T) {
	f := &fakeLister{tags: map[string]map[string]string{}, perPage: 7}
	var ids []string
	for i := range 120 {
		id := fmt.Sprintf("vpn-%03d", i)
		ids = append(ids, id)
		if i%3 != 0 {
			f.tags[id] = map[string]string{"n": strconv.Itoa(i), "env": "prod", "acs:x": "system"}
		}
	}
	ids = append(ids, ids[0]) // a duplicate costs nothing
	got, err := listTagsByID(context.Background(), ids, f.page)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.calls) != 3 || len(f.calls[0]) != MaxIDsPerTagList || len(f.calls[2]) != 20 {
		t.Fatalf("requests by size: %d requests %v", len(f.calls), lens(f.calls))
	}
	if len(got) != 120 {
		t.Fatalf("got %d resources, want 120", len(got))
	}
	for i, id := range ids[:120] {
		want := map[string]string{}
		if i%3 != 0 {
			want = map[string]string{"n": strconv.Itoa(i), "env": "prod"}
		}
		if !maps.Equal(got[id], want) {
			t.Fatalf("%s: %v, want %v", id, got[id], want)
		}
	}
}

func TestListByIDError(t *testing.T) {
	boom := errors.New("boom")
	_, err := listTagsByID(context.Background(), []string{"vpn-1"}, func(context.Context, []string, string) (tagsPage, error) {
		return tagsPage{}, boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
}

func TestListByIDEndlessAnswer(t *testing.T) {
	n := 0
	_, err := listTagsByID(context.Background(), []string{"vpn-1"}, func(context.Context, []string, string) (tagsPage, error) {
		n++
		return tagsPage{NextToken: strconv.Itoa(n)}, nil
	})
	if err == nil {
		t.Fatal("an answer whose pages never end must fail")
	}
}

func lens(calls [][]string) []int {
	var out []int
	for _, c := range calls {
		out = append(out, len(c))
	}
	return out
}
