package pipeline

import (
	"encoding/binary"
	"hash/maphash"
	"math"
	"reflect"
	"time"

	"github.com/relais-ecoles/relais/internal/view"
)

// viewHasher fingerprints views (feeds, data files, calendars) by value:
// two views with the same fingerprint render to the same bytes, given the
// same frame (settings, clock). It follows pointers, slices, maps and
// interfaces; a view holding something it cannot see into (a func, a
// channel) has no fingerprint, and is always rendered again.
//
// A Markdown text (*view.Text) is taken by what names it — its file, first
// line and page — and not by its HTML, which is long (the full text of
// fifty directives in each feed) and changes only with its file or where
// its links lead: sum reports the texts whose file is dirty, and the
// caller renders the view again then. The incremental build marks dirty
// every file whose bytes changed and every file of a text whose HTML
// changed since the last good build, so a text whose file is not dirty has
// the HTML it had then.
//
// The fingerprint is 64 bits of maphash with a seed made once per
// Incremental: fingerprints are compared within one process only.
type viewHasher struct {
	seed maphash.Seed
}

func newViewHasher() *viewHasher { return &viewHasher{seed: maphash.MakeSeed()} }

var (
	timeType     = reflect.TypeFor[time.Time]()
	locationType = reflect.TypeFor[*time.Location]()
	textType     = reflect.TypeFor[*view.Text]()
)

// maxViewDepth bounds the walk; views are shallow, a deeper one is taken
// as a cycle and gets no fingerprint.
const maxViewDepth = 64

// sum returns the fingerprint of v, and false when it has none; touched
// is set when v holds a text whose file is dirty.
func (vh *viewHasher) sum(v any, dirty func(file string) bool) (sum uint64, ok, touched bool) {
	var h maphash.Hash
	h.SetSeed(vh.seed)
	w := viewWalk{h: &h, seed: vh.seed, dirty: dirty}
	if !w.value(reflect.ValueOf(v), 0) {
		return 0, false, false
	}
	return h.Sum64(), true, w.touched
}

type viewWalk struct {
	h       *maphash.Hash
	seed    maphash.Seed
	dirty   func(string) bool
	touched bool
}

func (w *viewWalk) u64(x uint64) {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], x)
	w.h.Write(b[:])
}

func (w *viewWalk) str(s string) {
	w.u64(uint64(len(s)))
	w.h.WriteString(s)
}

func (w *viewWalk) value(v reflect.Value, depth int) bool {
	if ok, done := start(w, v, depth); done {
		return ok
	}
	t := v.Type()
	w.u64(uint64(v.Kind()))
	switch {
	case t == timeType:
		// Through its methods when they can be called; a time in an
		// unexported field is taken by its fields (its zone by address:
		// the same zone loaded twice only costs a render).
		if v.CanInterface() {
			tm := v.Interface().(time.Time)
			w.str(tm.Format(time.RFC3339Nano))
			w.str(tm.Location().String())
			return true
		}
	case t == locationType:
		if v.CanInterface() {
			if l := v.Interface().(*time.Location); l != nil {
				w.str(l.String())
			}
			return true
		}
	case t == textType:
		if v.CanInterface() {
			if tx := v.Interface().(*view.Text); tx != nil {
				w.u64(1)
				w.str(tx.Path)
				w.u64(uint64(tx.Line))
				w.str(tx.URL)
				if w.dirty == nil || w.dirty(tx.Path) {
					w.touched = true
				}
			} else {
				w.u64(0)
			}
			return true
		}
	}
	if scalar(w, v) {
		return true
	}
	switch v.Kind() {
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() {
			w.u64(math.MaxUint64)
			return true
		}
		w.u64(uint64(v.Len()))
		if t.Elem().Kind() == reflect.Uint8 && v.CanInterface() && v.Kind() == reflect.Slice {
			w.h.Write(v.Bytes())
			return true
		}
		if !elems(w, v, depth) {
			return false
		}
	case reflect.Map:
		return mapSum(w, v, func(k, e reflect.Value) (uint64, bool) {
			var eh maphash.Hash
			eh.SetSeed(w.seed)
			ew := viewWalk{h: &eh, seed: w.seed, dirty: w.dirty}
			ok := ew.value(k, depth+1) && ew.value(e, depth+1)
			w.touched = w.touched || ew.touched
			return eh.Sum64(), ok
		})
	case reflect.Pointer:
		if v.IsNil() {
			w.u64(0)
			return true
		}
		w.u64(1)
		return w.value(v.Elem(), depth+1)
	case reflect.Interface:
		if v.IsNil() {
			w.u64(0)
			return true
		}
		w.str(v.Elem().Type().String())
		return w.value(v.Elem(), depth+1)
	case reflect.Struct:
		w.str(t.String())
		for i := range v.NumField() {
			if !w.value(v.Field(i), depth+1) {
				return false
			}
		}
	default: // func, chan, unsafe pointer
		return false
	}
	return true
}

// sink is what a walk writes a fingerprint into.
type sink interface {
	u64(uint64)
	str(string)
}

// scalar writes v into w when it is a bool, a number or a string, and
// reports whether it was; both walks call it first.
func scalar(w sink, v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Bool:
		if v.Bool() {
			w.u64(1)
		} else {
			w.u64(0)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		w.u64(uint64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		w.u64(v.Uint())
	case reflect.Float32, reflect.Float64:
		w.u64(math.Float64bits(v.Float()))
	case reflect.Complex64, reflect.Complex128:
		c := v.Complex()
		w.u64(math.Float64bits(real(c)))
		w.u64(math.Float64bits(imag(c)))
	case reflect.String:
		w.str(v.String())
	default:
		return false
	}
	return true
}

// walker is a walk that writes what it meets into a fingerprint.
type walker interface {
	sink
	value(v reflect.Value, depth int) bool
}

// elems walks the elements of a slice or array.
func elems(w walker, v reflect.Value, depth int) bool {
	for i := range v.Len() {
		if !w.value(v.Index(i), depth+1) {
			return false
		}
	}
	return true
}

// mapSum writes a map into w, order-free: its length and the sum of its
// entries' own fingerprints, which entry makes.
func mapSum(w sink, v reflect.Value, entry func(k, e reflect.Value) (uint64, bool)) bool {
	if v.IsNil() {
		w.u64(math.MaxUint64)
		return true
	}
	var total uint64
	for it := v.MapRange(); it.Next(); {
		sum, ok := entry(it.Key(), it.Value())
		if !ok {
			return false
		}
		total += sum
	}
	w.u64(uint64(v.Len()))
	w.u64(total)
	return true
}

// start begins the walk of v: done when v is invalid (written as such) or
// too deep (ok is false: taken as a cycle).
func start(w sink, v reflect.Value, depth int) (ok, done bool) {
	if depth > maxViewDepth {
		return false, true
	}
	if !v.IsValid() {
		w.u64(0)
		return true, true
	}
	return true, false
}
