module example.com/rules/unsentsignal

go 1.22
