package main

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/png"

	"golang.org/x/image/bmp"
	"golang.org/x/image/draw"
)

// icoFrom turns the app's PNG icon into a Windows .ico: PNG-encoded images
// at 256, 48, 32 and 16 pixels, which Windows Vista and later read.
func icoFrom(pngData []byte) ([]byte, error) {
	src, err := png.Decode(bytes.NewReader(pngData))
	if err != nil {
		return nil, err
	}
	sizes := []int{256, 48, 32, 16}
	images := make([][]byte, len(sizes))
	for i, s := range sizes {
		dst := image.NewRGBA(image.Rect(0, 0, s, s))
		draw.CatmullRom.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Over, nil)
		var b bytes.Buffer
		if err := png.Encode(&b, dst); err != nil {
			return nil, err
		}
		images[i] = b.Bytes()
	}
	var ico bytes.Buffer
	// ICONDIR, then one ICONDIRENTRY per image, then the images.
	binary.Write(&ico, binary.LittleEndian, [3]uint16{0, 1, uint16(len(sizes))})
	offset := 6 + 16*len(sizes)
	for i, s := range sizes {
		dim := uint8(s)
		if s == 256 {
			dim = 0 // 0 means 256
		}
		binary.Write(&ico, binary.LittleEndian, struct {
			W, H, Colors, Reserved uint8
			Planes, Bits           uint16
			Size, Offset           uint32
		}{dim, dim, 0, 0, 1, 32, uint32(len(images[i])), uint32(offset)})
		offset += len(images[i])
	}
	for _, img := range images {
		ico.Write(img)
	}
	return ico.Bytes(), nil
}

// wizardBitmap is the picture on the left of the installer's first and
// last pages (NSIS wants a 164×314 BMP): the icon on a blue gradient.
func wizardBitmap(pngData []byte) ([]byte, error) {
	icon, err := png.Decode(bytes.NewReader(pngData))
	if err != nil {
		return nil, err
	}
	const w, h, size = 164, 314, 112
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	top, bottom := color.RGBA{0x2b, 0x5f, 0xa8, 0xff}, color.RGBA{0x12, 0x33, 0x63, 0xff}
	for y := 0; y < h; y++ {
		mix := func(a, b uint8) uint8 { return uint8((int(a)*(h-1-y) + int(b)*y) / (h - 1)) }
		c := color.RGBA{mix(top.R, bottom.R), mix(top.G, bottom.G), mix(top.B, bottom.B), 0xff}
		for x := 0; x < w; x++ {
			img.SetRGBA(x, y, c)
		}
	}
	at := image.Rect((w-size)/2, 36, (w+size)/2, 36+size)
	draw.CatmullRom.Scale(img, at, icon, icon.Bounds(), draw.Over, nil)
	var b bytes.Buffer
	if err := bmp.Encode(&b, img); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
