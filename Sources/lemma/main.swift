import LemmaCLI

LemmaCommand.mainStoppingCleanly()
