package main

import (
	"image"

	"fyne.io/fyne/v2"
	"github.com/go-gl/gl/v2.1/gl"
)

// glCapture reads the last frame drawn from the window's back buffer, for
// screenshot mode. Fyne's Canvas.Capture reads the front buffer, which
// Mesa's software renderer under Xvfb (the smoke test) leaves empty, while
// the back buffer still holds the frame after the swap. Call it on the UI
// goroutine; it falls back to Canvas.Capture when it reads nothing.
func glCapture(w fyne.Window) image.Image {
	rc, ok := w.(interface{ RunWithContext(func()) })
	c := w.Canvas()
	if !ok {
		return c.Capture()
	}
	width, height := c.PixelCoordinateForPosition(fyne.NewPos(c.Size().Width, c.Size().Height))
	if width <= 0 || height <= 0 {
		return c.Capture()
	}
	px := make([]uint8, width*height*4)
	rc.RunWithContext(func() {
		gl.ReadBuffer(gl.BACK)
		gl.ReadPixels(0, 0, int32(width), int32(height), gl.RGBA, gl.UNSIGNED_BYTE, gl.Ptr(px))
	})
	img := image.NewNRGBA(image.Rect(0, 0, width, height))
	stride := width * 4
	empty := true
	for y := 0; y < height; y++ { // GL rows run bottom-up
		copy(img.Pix[y*stride:(y+1)*stride], px[(height-1-y)*stride:(height-y)*stride])
	}
	for i := 3; i < len(px); i += 4 {
		if px[i] != 0 {
			empty = false
			break
		}
	}
	if empty {
		return c.Capture()
	}
	return img
}
