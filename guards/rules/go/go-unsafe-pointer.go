package fastconv

import (
	"encoding/binary"
	"math"
	"reflect"
	"unsafe"
)

type header struct {
	Magic uint32
	Size  uint32
}

func BytesToString(b []byte) string {
	// ruleid: go-unsafe-pointer
	return *(*string)(unsafe.Pointer(&b))
}

func StringToBytes(s string) []byte {
	// ruleid: go-unsafe-pointer
	return unsafe.Slice(unsafe.StringData(s), len(s))
}

func Float32Bits(f float32) uint32 {
	// ruleid: go-unsafe-pointer
	return *(*uint32)(unsafe.Pointer(&f))
}

func SliceLen(b []byte) int {
	// ruleid: go-unsafe-pointer
	hdr := (*reflect.SliceHeader)(unsafe.Pointer(&b))
	return hdr.Len
}

func SafeString(b []byte) string {
	// ok: go-unsafe-pointer
	return string(b)
}

func SafeBits(f float32) uint32 {
	// ok: go-unsafe-pointer
	return math.Float32bits(f)
}

func HeaderSize() uintptr {
	// ok: go-unsafe-pointer
	return unsafe.Sizeof(header{})
}

func ParseHeader(b []byte) header {
	// ok: go-unsafe-pointer
	return header{Magic: binary.LittleEndian.Uint32(b[0:4]), Size: binary.LittleEndian.Uint32(b[4:8])}
}
