// Command xvfbshot saves the screen of an Xvfb server started with
// -fbdir DIR (DIR/Xvfb_screen0 is the live framebuffer in XWD format) as
// a PNG and checks that it is not blank: it fails when the picture has
// fewer distinct colours than -min-colours (a window that never painted is
// one or two flat colours; a ledger screen has hundreds, text is
// anti-aliased). It needs no X client (xwd, ImageMagick).
//
//	go run ./scripts/xvfbshot -min-colours 64 DIR/Xvfb_screen0 out.png
package main

import (
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/png"
	"io"
	"math/bits"
	"os"
)

func main() {
	minColours := flag.Int("min-colours", 64, "fail when the screen has fewer distinct colours")
	flag.Parse()
	if flag.NArg() != 2 {
		fmt.Fprintln(os.Stderr, "usage: xvfbshot [-min-colours N] Xvfb_screen0 OUT.png")
		os.Exit(2)
	}
	img, err := readXWD(flag.Arg(0))
	if err == nil {
		err = writePNG(flag.Arg(1), img)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "xvfbshot:", err)
		os.Exit(1)
	}
	n := colours(img)
	if n < *minColours {
		fmt.Fprintf(os.Stderr, "xvfbshot: %s has only %d colours (at least %d expected): a blank screen?\n", flag.Arg(1), n, *minColours)
		os.Exit(1)
	}
	fmt.Printf("xvfbshot: %s: %dx%d, %d colours\n", flag.Arg(1), img.Bounds().Dx(), img.Bounds().Dy(), n)
}

// xwdHeader is the fixed part of an XWD (X Window Dump) file, version 7:
// 25 big-endian 32-bit fields.
type xwdHeader struct {
	HeaderSize, FileVersion, PixmapFormat, PixmapDepth       uint32
	Width, Height, XOffset, ByteOrder                        uint32
	BitmapUnit, BitmapBitOrder, BitmapPad, BitsPerPixel      uint32
	BytesPerLine, VisualClass, RedMask, GreenMask, BlueMask  uint32
	BitsPerRGB, ColormapEntries, NColors                     uint32
	WindowWidth, WindowHeight, WindowX, WindowY, BorderWidth uint32
}

// readXWD reads a 24- or 32-bit TrueColor ZPixmap dump, which is what
// Xvfb -screen 0 WxHx24 writes.
func readXWD(path string) (*image.RGBA, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var h xwdHeader
	if err := binary.Read(f, binary.BigEndian, &h); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	const zPixmap, trueColor = 2, 4
	switch {
	case h.FileVersion != 7 || h.PixmapFormat != zPixmap:
		return nil, fmt.Errorf("%s: not an XWD ZPixmap dump (version %d, format %d)", path, h.FileVersion, h.PixmapFormat)
	case h.BitsPerPixel != 32 || h.VisualClass != trueColor:
		return nil, fmt.Errorf("%s: %d bits per pixel, visual class %d: start Xvfb with -screen 0 WxHx24", path, h.BitsPerPixel, h.VisualClass)
	case h.Width == 0 || h.Height == 0 || h.Width > 16384 || h.Height > 16384 || h.BytesPerLine < 4*h.Width:
		return nil, fmt.Errorf("%s: bad size %dx%d", path, h.Width, h.Height)
	}
	// The header is followed by the window name (to HeaderSize) and the
	// colour map (12 bytes an entry), then the pixels.
	skip := int64(h.HeaderSize) - 100 + 12*int64(h.NColors)
	if _, err := f.Seek(100+skip, io.SeekStart); err != nil {
		return nil, err
	}
	order := binary.ByteOrder(binary.LittleEndian)
	if h.ByteOrder == 1 { // MSBFirst
		order = binary.BigEndian
	}
	img := image.NewRGBA(image.Rect(0, 0, int(h.Width), int(h.Height)))
	line := make([]byte, h.BytesPerLine)
	for y := 0; y < int(h.Height); y++ {
		if _, err := io.ReadFull(f, line); err != nil {
			if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
				return nil, fmt.Errorf("%s: truncated at line %d", path, y)
			}
			return nil, err
		}
		for x := 0; x < int(h.Width); x++ {
			p := order.Uint32(line[4*x:])
			o := img.PixOffset(x, y)
			img.Pix[o+0] = channel(p, h.RedMask)
			img.Pix[o+1] = channel(p, h.GreenMask)
			img.Pix[o+2] = channel(p, h.BlueMask)
			img.Pix[o+3] = 0xff
		}
	}
	return img, nil
}

// channel extracts an 8-bit colour channel under mask.
func channel(p, mask uint32) uint8 {
	if mask == 0 {
		return 0
	}
	v := (p & mask) >> bits.TrailingZeros32(mask)
	width := bits.OnesCount32(mask)
	if width >= 8 {
		return uint8(v >> (width - 8))
	}
	return uint8(v << (8 - width))
}

func colours(img *image.RGBA) int {
	seen := map[uint32]struct{}{}
	for i := 0; i < len(img.Pix); i += 4 {
		seen[uint32(img.Pix[i])<<16|uint32(img.Pix[i+1])<<8|uint32(img.Pix[i+2])] = struct{}{}
	}
	return len(seen)
}

func writePNG(path string, img image.Image) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
