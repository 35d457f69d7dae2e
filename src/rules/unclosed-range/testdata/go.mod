module example.com/rules/unclosedrange

go 1.19

require github.com/urfave/cli/v2 v2.0.0

replace github.com/urfave/cli/v2 => ./clistub
