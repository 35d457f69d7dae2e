// Command relayd opens one link for the process and sends on it.
package main

import "example.com/rules/unclosedrange/relay"

func main() {
	l := relay.Open()
	l.Send([]byte("hello"))
	l.Close()
}
