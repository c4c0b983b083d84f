package main

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"
)

// writeXWD writes a width×height dump as Xvfb -fbdir does (LSBFirst,
// 32 bits a pixel, a window name in the header, no colour map) with the
// pixel function's colours.
func writeXWD(t *testing.T, width, height int, pixel func(x, y int) uint32) string {
	t.Helper()
	name := []byte("Xvfb main window\x00")
	h := xwdHeader{
		HeaderSize: uint32(100 + len(name)), FileVersion: 7, PixmapFormat: 2, PixmapDepth: 24,
		Width: uint32(width), Height: uint32(height), BitsPerPixel: 32, BytesPerLine: uint32(4 * width),
		VisualClass: 4, RedMask: 0xff0000, GreenMask: 0xff00, BlueMask: 0xff, BitsPerRGB: 8,
		WindowWidth: uint32(width), WindowHeight: uint32(height),
	}
	path := filepath.Join(t.TempDir(), "Xvfb_screen0")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	binary.Write(f, binary.BigEndian, h)
	f.Write(name)
	for y := 0; y < height; y++ {
		for x := 0; x < width; x++ {
			binary.Write(f, binary.LittleEndian, pixel(x, y))
		}
	}
	return path
}

func TestReadsXvfbFramebuffer(t *testing.T) {
	path := writeXWD(t, 4, 2, func(x, y int) uint32 { return uint32(x*0x40)<<16 | uint32(y*0x80)<<8 | 0x12 })
	img, err := readXWD(path)
	if err != nil {
		t.Fatal(err)
	}
	if img.Bounds().Dx() != 4 || img.Bounds().Dy() != 2 || colours(img) != 8 {
		t.Fatalf("%v, %d colours", img.Bounds(), colours(img))
	}
	if r, g, b, _ := img.At(3, 1).RGBA(); r>>8 != 0xc0 || g>>8 != 0x80 || b>>8 != 0x12 {
		t.Errorf("pixel (3,1) = %x %x %x, want c0 80 12", r>>8, g>>8, b>>8)
	}
	blank := writeXWD(t, 8, 8, func(int, int) uint32 { return 0 })
	if img, err := readXWD(blank); err != nil || colours(img) != 1 {
		t.Errorf("a black screen: %v, %d colours", err, colours(img))
	}
}

func TestRefusesWhatIsNoScreenDump(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x")
	os.WriteFile(path, []byte("not a dump"), 0o644)
	if _, err := readXWD(path); err == nil {
		t.Error("read a file that is no dump")
	}
	truncated := writeXWD(t, 4, 4, func(int, int) uint32 { return 1 })
	data, _ := os.ReadFile(truncated)
	os.WriteFile(truncated, data[:len(data)-5], 0o644)
	if _, err := readXWD(truncated); err == nil {
		t.Error("read a truncated dump")
	}
}
