// Package docs holds the user's guide, embedded so the app's Trợ giúp
// shows the guide that ships with it.
package docs

import _ "embed"

// Guide is the user's guide in Vietnamese (huong-dan.md), in Markdown.
//
//go:embed huong-dan.md
var Guide string
