import LemmaCLI

LemmaCommand.main()
