//go:build ignore

// Command icon_gen draws the WardLedger icon (assets/icon.png) with the
// standard image packages, so the icon is reproducible and needs no design
// tool: a ruled ledger page on a blue tile, with a red badge and a gold star.
//
//	go generate ./assets   (or: cd assets && go run icon_gen.go)
package main

import (
	"image"
	"image/color"
	"image/png"
	"log"
	"math"
	"os"
)

const size = 512

type rgba struct{ r, g, b, a float64 }

func over(dst, src rgba) rgba {
	a := src.a + dst.a*(1-src.a)
	if a == 0 {
		return rgba{}
	}
	mix := func(d, s float64) float64 { return (s*src.a + d*dst.a*(1-src.a)) / a }
	return rgba{mix(dst.r, src.r), mix(dst.g, src.g), mix(dst.b, src.b), a}
}

func hex(v uint32) rgba {
	return rgba{float64(v>>16&0xff) / 255, float64(v>>8&0xff) / 255, float64(v&0xff) / 255, 1}
}

func inRoundRect(x, y, x0, y0, x1, y1, r float64) bool {
	if x < x0 || x > x1 || y < y0 || y > y1 {
		return false
	}
	cx := math.Max(x0+r, math.Min(x, x1-r))
	cy := math.Max(y0+r, math.Min(y, y1-r))
	return (x-cx)*(x-cx)+(y-cy)*(y-cy) <= r*r
}

func star(cx, cy, outer, inner float64) [][2]float64 {
	var pts [][2]float64
	for i := 0; i < 10; i++ {
		r := outer
		if i%2 == 1 {
			r = inner
		}
		a := -math.Pi/2 + float64(i)*math.Pi/5
		pts = append(pts, [2]float64{cx + r*math.Cos(a), cy + r*math.Sin(a)})
	}
	return pts
}

func inPolygon(x, y float64, pts [][2]float64) bool {
	in := false
	for i, j := 0, len(pts)-1; i < len(pts); j, i = i, i+1 {
		xi, yi, xj, yj := pts[i][0], pts[i][1], pts[j][0], pts[j][1]
		if (yi > y) != (yj > y) && x < (xj-xi)*(y-yi)/(yj-yi)+xi {
			in = !in
		}
	}
	return in
}

// sample returns the colour of the icon at one point.
func sample(x, y float64, starPts [][2]float64) rgba {
	c := rgba{}
	if inRoundRect(x, y, 16, 16, 496, 496, 104) {
		t := (y - 16) / 480
		top, bottom := hex(0x2A6FBF), hex(0x123E73)
		c = rgba{top.r + (bottom.r-top.r)*t, top.g + (bottom.g-top.g)*t, top.b + (bottom.b-top.b)*t, 1}
	}
	if inRoundRect(x, y, 118, 92, 394, 430, 26) {
		c = over(c, hex(0xFFFFFF))
		if y < 150 {
			c = over(c, hex(0xDCE6F3))
		}
		for _, ly := range []float64{196, 248, 300, 352} {
			if math.Abs(y-ly) <= 6 && x > 150 && x < 364 {
				c = over(c, hex(0x8FAAD0))
			}
		}
		if math.Abs(x-204) <= 4 && y > 150 {
			c = over(c, hex(0xD9534F))
		}
	}
	dx, dy := x-376, y-396
	if d := math.Hypot(dx, dy); d <= 96 {
		c = over(c, hex(0xFFFFFF))
		if d <= 84 {
			c = over(c, hex(0xDA251D))
		}
		if inPolygon(x, y, starPts) {
			c = over(c, hex(0xFFCD00))
		}
	}
	return c
}

func main() {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	starPts := star(376, 400, 58, 23)
	const ss = 4 // supersampling per axis, for smooth edges
	for py := 0; py < size; py++ {
		for px := 0; px < size; px++ {
			var acc rgba
			for sy := 0; sy < ss; sy++ {
				for sx := 0; sx < ss; sx++ {
					s := sample(float64(px)+(float64(sx)+0.5)/ss, float64(py)+(float64(sy)+0.5)/ss, starPts)
					acc.r += s.r * s.a
					acc.g += s.g * s.a
					acc.b += s.b * s.a
					acc.a += s.a
				}
			}
			n := float64(ss * ss)
			if acc.a == 0 {
				continue
			}
			img.SetNRGBA(px, py, color.NRGBA{
				R: uint8(math.Round(acc.r / acc.a * 255)), G: uint8(math.Round(acc.g / acc.a * 255)),
				B: uint8(math.Round(acc.b / acc.a * 255)), A: uint8(math.Round(acc.a / n * 255)),
			})
		}
	}
	f, err := os.Create("icon.png")
	if err != nil {
		log.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}
