from manysides.cli import main

main()
